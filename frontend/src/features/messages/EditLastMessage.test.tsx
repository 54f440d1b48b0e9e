import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const history = [
  makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: alice, content: 'my older words' }),
  makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: alice, content: 'my last words' }),
  makeMessage({ id: 'm3', chatId: 'c1', seq: 3, sender: alice, content: '', deletedAt: '2025-01-01T13:00:00Z' }),
  makeMessage({ id: 'm4', chatId: 'c1', seq: 4, sender: bob, content: 'bob has the last word' }),
];

async function openChat() {
  fakeApi({
    'GET /api/chats': () => ok({ chats: [makeGroupChat('c1', 'Team', [bob, alice])] }),
    'GET /api/chats/c1/messages': () => ok({ messages: history, hasMoreBefore: false, hasMoreAfter: false }),
  });
  renderAppAs(alice, '/chats/c1');
  const composer = await screen.findByRole('textbox', { name: 'Message' });
  await screen.findByText('bob has the last word');
  return { composer, user: userEvent.setup() };
}

const editor = () => screen.queryByRole('textbox', { name: 'Edit message text' });

describe('ArrowUp in the composer', () => {
  it('opens my own last message for editing, past a deleted one and past the others’ messages', async () => {
    const { composer, user } = await openChat();

    await user.click(composer);
    await user.keyboard('{ArrowUp}');

    expect(editor()).toHaveValue('my last words');
    expect(editor()).toHaveFocus();
    const row = editor()?.closest('li') as HTMLElement;
    expect(within(row).queryByText('bob has the last word')).not.toBeInTheDocument();
  });

  it('does nothing while the composer holds text', async () => {
    const { composer, user } = await openChat();

    await user.type(composer, 'a draft{ArrowUp}');

    expect(editor()).not.toBeInTheDocument();
    expect(composer).toHaveValue('a draft');
  });

  it('leaves the message as it was when Escape cancels the edit', async () => {
    const { composer, user } = await openChat();

    await user.click(composer);
    await user.keyboard('{ArrowUp}');
    await user.type(editor() as HTMLElement, ' changed{Escape}');

    expect(editor()).not.toBeInTheDocument();
    expect(screen.getByText('my last words')).toBeInTheDocument();
  });
});
