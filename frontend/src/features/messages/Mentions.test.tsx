import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Message } from '@messenger/contract';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';
import { mentionedNames } from '../mentions';
import { splitMentions } from '../mentions/MentionText';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'Bob.B', displayName: 'Bob' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });

const fromCarol = (content: string, mentions: string[]) =>
  makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: carol, content, mentions });

function openGroup(...messages: Message[]) {
  fakeApi({
    'GET /api/chats': () => ok({ chats: [makeGroupChat('c1', 'Team', [alice, bob, carol])] }),
    'GET /api/chats/c1/messages': () => ok({ messages, hasMoreBefore: false, hasMoreAfter: false }),
  });
  renderAppAs(alice, '/chats/c1');
}

const mentionsIn = (element: Element, whom: 'me' | 'other') =>
  [...element.querySelectorAll(`[data-mention="${whom}"]`)].map((mention) => mention.textContent);

const bubble = async (text: RegExp) =>
  (await within(await screen.findByRole('log', { name: 'Messages' })).findByText(text, { selector: 'p' })).closest(
    'div',
  ) as HTMLElement;

describe('mentions in messages', () => {
  it('highlights the people a message mentions, me more than others, and nothing it does not mention', async () => {
    openGroup(fromCarol('**@alice** and @bob.b., not @carol or @dave <b>@alice</b>', [alice.id, bob.id]));

    const text = await bubble(/and/);
    // Inside bold too; the `<b>` is text, and the @alice in it is still text around a highlight, never markup.
    expect(mentionsIn(text, 'me')).toEqual(['@alice', '@alice']);
    expect(text.querySelector('[data-mention="me"]')?.tagName).toBe('MARK');
    expect(mentionsIn(text, 'other')).toEqual(['@bob.b']);
    expect(text).toHaveTextContent('@alice and @bob.b., not @carol or @dave <b>@alice</b>');
    expect(text.querySelector('b')).toBeNull();
  });

  it('highlights mentions in quotes and lists, never inside code', async () => {
    openGroup(fromCarol('> ask @alice\n\n- and `@alice` in code', [alice.id]));

    const text = await bubble(/ask/);
    expect(
      [...text.querySelectorAll('mark[data-mention="me"]')].map((mark) => mark.closest('blockquote, code')),
    ).toEqual([text.querySelector('blockquote')]);
    expect(text.querySelector('code')).toHaveTextContent('@alice');
  });

  it('highlights nothing in a message that mentions nobody, whatever its @names', async () => {
    openGroup(fromCarol('hi @alice, see @carol', []));

    const text = await bubble(/hi/);
    expect(text.querySelector('[data-mention]')).toBeNull();
  });

  it('highlights the mentions of a quoted message in the quote of its reply, as in the original', async () => {
    const excerpt = '@alice and @bob.b, lunch? not `@alice` in code, nor @carol';
    const replyTo = { id: 'm1', seq: 1, sender: carol, excerpt, mentions: [alice.id, bob.id] };
    openGroup(makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: bob, content: 'sure', replyTo }));

    const quote = await screen.findByRole('button', { name: /^Jump to quoted message/ });
    expect(mentionsIn(quote, 'me')).toEqual(['@alice']);
    expect(quote.querySelector('[data-mention="me"]')?.tagName).toBe('MARK');
    expect(mentionsIn(quote, 'other')).toEqual(['@bob.b']);
    expect(quote).toHaveTextContent('@alice and @bob.b, lunch? not @alice in code, nor @carol');
  });
});

describe('splitMentions', () => {
  it('takes the longest name that is someone mentioned, and leaves the rest as text', () => {
    const names = mentionedNames({ mentions: ['u2'] }, [alice, bob], 'u1');
    expect(splitMentions('ping @Bob.B. and @bob.bb', names)).toEqual([
      'ping ',
      { mention: '@Bob.B', me: false },
      '. and @bob.bb',
    ]);
  });
});
