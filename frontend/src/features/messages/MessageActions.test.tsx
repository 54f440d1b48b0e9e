import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Message } from '@messenger/contract';
import { apiError, fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const mine = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: alice, content: 'hello there' });
const theirs = makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: bob, content: 'hi alice' });

function openGroup(owner: typeof alice, history: Message[], extraRoutes = {}) {
  const chat = makeGroupChat('c1', 'Team', owner === alice ? [alice, bob] : [bob, alice]);
  const requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [chat] }),
    'GET /api/chats/c1/messages': () => ok({ messages: history, hasMoreBefore: false, hasMoreAfter: false }),
    ...extraRoutes,
  });
  renderAppAs(alice, '/chats/c1');
  return { requests, user: userEvent.setup() };
}

const row = async (text: string) => (await screen.findByText(text)).closest('li') as HTMLElement;

describe('message actions', () => {
  it('edits my own message in place: Enter saves, and it shows as edited', async () => {
    const { requests, user } = openGroup(bob, [mine, theirs], {
      'PUT /api/messages/m1': () =>
        ok({ message: { ...mine, content: 'hello world', editedAt: '2025-01-01T13:00:00Z' } }),
    });

    expect(within(await row('hi alice')).queryByRole('button', { name: 'Edit message' })).not.toBeInTheDocument();
    await user.click(within(await row('hello there')).getByRole('button', { name: 'Edit message' }));
    const editor = screen.getByLabelText('Edit message text');
    expect(editor).toHaveFocus();
    await user.clear(editor);
    await user.type(editor, 'hello world{Enter}');

    expect(within(await row('hello world')).getByText('edited')).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({ content: 'hello world' });
  });

  it('cancels an edit with Escape', async () => {
    const { user } = openGroup(bob, [mine]);

    await user.click(within(await row('hello there')).getByRole('button', { name: 'Edit message' }));
    await user.type(screen.getByLabelText('Edit message text'), ' again{Escape}');

    expect(screen.queryByLabelText('Edit message text')).not.toBeInTheDocument();
    expect(screen.getByText('hello there')).toBeInTheDocument();
  });

  it('deletes after confirming, leaving a placeholder', async () => {
    const { user } = openGroup(bob, [mine], {
      'DELETE /api/messages/m1': () => ok({ message: { ...mine, content: '', deletedAt: '2025-01-01T13:00:00Z' } }),
    });

    await user.click(within(await row('hello there')).getByRole('button', { name: 'Delete message' }));
    await user.click(screen.getByRole('button', { name: 'Delete for everyone' }));

    expect(await screen.findByText('This message was deleted')).toBeInTheDocument();
    expect(screen.queryByText('hello there')).not.toBeInTheDocument();
  });

  it("lets the group owner delete anyone's message, and a member only their own", async () => {
    openGroup(alice, [theirs]);
    expect(within(await row('hi alice')).getByRole('button', { name: 'Delete message' })).toBeInTheDocument();
  });

  it("does not offer to delete others' messages to a member", async () => {
    openGroup(bob, [theirs]);
    expect(within(await row('hi alice')).queryByRole('button', { name: 'Delete message' })).not.toBeInTheDocument();
  });

  it('says in a toast when a reaction fails', async () => {
    const { user } = openGroup(bob, [theirs], {
      'POST /api/messages/m2/reactions': () => apiError(404, 'NOT_FOUND', 'Message not found'),
    });

    await user.click(within(await row('hi alice')).getByRole('button', { name: 'React to message' }));
    await user.click(screen.getByRole('button', { name: 'React with 🎉' }));

    expect(
      await within(screen.getByRole('status', { name: 'Notifications' })).findByText('Message not found'),
    ).toBeVisible();
  });

  it('reacts from the picker, and a pressed chip takes the reaction back', async () => {
    const { requests, user } = openGroup(bob, [theirs], {
      'POST /api/messages/m2/reactions': () => ok({ reactions: [{ emoji: '🎉', count: 2, userIds: ['u2', 'u1'] }] }),
      'DELETE /api/messages/m2/reactions/:emoji': () => ok({ reactions: [{ emoji: '🎉', count: 1, userIds: ['u2'] }] }),
    });

    await user.click(within(await row('hi alice')).getByRole('button', { name: 'React to message' }));
    await user.click(screen.getByRole('button', { name: 'React with 🎉' }));

    const chip = await screen.findByRole('button', { name: '🎉 2 reactions, you reacted' });
    expect(chip).toHaveAttribute('aria-pressed', 'true');
    expect(chip).toHaveTextContent('🎉 2');
    await user.click(chip);

    const after = await screen.findByRole('button', { name: '🎉 1 reaction' });
    expect(after).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(requests.at(-1)?.path).toBe(`/api/messages/m2/reactions/${encodeURIComponent('🎉')}`));
  });

  it('reaches the actions of a message with the keyboard', async () => {
    const { user } = openGroup(bob, [theirs]);
    const reply = within(await row('hi alice')).getByRole('button', { name: 'Reply to message' });

    for (let presses = 0; presses < 40 && document.activeElement !== reply; presses += 1) await user.tab();
    expect(reply).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(screen.getByText('Replying to Bob')).toBeInTheDocument();
  });

  it('shows system messages apart, without actions', async () => {
    const system = makeMessage({ id: 'm3', chatId: 'c1', seq: 3, type: 'system', content: 'Bob added Alice' });
    openGroup(bob, [theirs, system]);

    const note = await screen.findByText('Bob added Alice');
    expect(note).toHaveClass('text-center');
    expect(within(note.closest('li') as HTMLElement).queryByRole('button')).not.toBeInTheDocument();
  });

  it('says who pinned a message, and the note leads to the message', async () => {
    const pinned = { ...theirs, pinnedAt: '2025-01-01T13:00:00Z', pinnedBy: alice };
    const note = makeMessage({
      id: 'm3',
      chatId: 'c1',
      seq: 3,
      type: 'system',
      content: 'Alice pinned a message',
      replyTo: { id: 'm2', seq: 2, sender: bob, excerpt: 'hi alice', mentions: [] },
    });
    const { user } = openGroup(bob, [pinned, note]);

    expect(within(await row('hi alice')).getByText('Pinned')).toHaveAttribute('title', 'Pinned by Alice');
    await user.click(await screen.findByRole('button', { name: 'Jump to the message: “hi alice”' }));

    await waitFor(() =>
      expect(screen.getByText('hi alice', { selector: 'li *' }).closest('[aria-current]')).not.toBeNull(),
    );
  });
});
