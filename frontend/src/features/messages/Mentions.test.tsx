import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';
import { mentionedNames } from '../mentions';
import { splitMentions } from '../mentions/MentionText';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'Bob.B', displayName: 'Bob' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });

function openGroup(content: string, mentions: string[]) {
  const message = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: carol, content, mentions });
  fakeApi({
    'GET /api/chats': () => ok({ chats: [makeGroupChat('c1', 'Team', [alice, bob, carol])] }),
    'GET /api/chats/c1/messages': () => ok({ messages: [message], hasMoreBefore: false, hasMoreAfter: false }),
  });
  renderAppAs(alice, '/chats/c1');
}

const bubble = async (text: RegExp) =>
  (await screen.findByText(text, { selector: 'div' })).closest('div') as HTMLElement;

describe('mentions in messages', () => {
  it('highlights the people a message mentions, me more than others, and nothing it does not mention', async () => {
    openGroup('**@alice** and @bob.b., not @carol or @dave <b>@alice</b>', [alice.id, bob.id]);

    const text = await bubble(/and/);
    const mine = [...text.querySelectorAll('mark[data-mention="me"]')].map((mark) => mark.textContent);
    const others = [...text.querySelectorAll('[data-mention="other"]')].map((span) => span.textContent);
    // Inside bold too; the `<b>` is text, and the @alice in it is still text around a highlight, never markup.
    expect(mine).toEqual(['@alice', '@alice']);
    expect(others).toEqual(['@bob.b']);
    expect(text).toHaveTextContent('@alice and @bob.b., not @carol or @dave <b>@alice</b>');
    expect(text.querySelector('b')).toBeNull();
  });

  it('highlights nothing in a message that mentions nobody, whatever its @names', async () => {
    openGroup('hi @alice, see @carol', []);

    const text = await bubble(/hi/);
    expect(text.querySelector('[data-mention]')).toBeNull();
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
