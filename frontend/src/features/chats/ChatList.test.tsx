import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chat, MuteChatRequest } from '@messenger/contract';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });
const now = new Date('2026-11-25T12:00:00');

// The app's routes load on first use, which can take a while for the first test of a file.
const firstRender = { timeout: 5000 };

function listItem(name: RegExp) {
  return screen.getByRole('link', { name }).closest('li') as HTMLElement;
}

describe('the chat list', () => {
  beforeEach(() => {
    // Only Date is faked: timers keep running for the app's own waits and Testing Library's.
    vi.useFakeTimers({ toFake: ['Date'], now });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('mutes a chat on the server and shows it muted, with a subdued unread badge', async () => {
    const chat: Chat = { ...makeDirectChat('c1', [alice, bob]), unreadCount: 3 };
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'PUT /api/chats/c1/mute': ({ body }) => ok({ chat: { ...chat, muted: (body as MuteChatRequest).muted } }),
    });
    renderAppAs(alice, '/chats');
    const user = userEvent.setup();
    const mute = await screen.findByRole('button', { name: 'Mute notifications' }, firstRender);
    expect(mute).toHaveAttribute('aria-pressed', 'false');
    expect(screen.queryByRole('img', { name: 'Muted' })).not.toBeInTheDocument();
    expect(within(listItem(/Bob/)).getByText('3')).toHaveClass('bg-accent');

    await user.click(mute);

    await waitFor(() => expect(mute).toHaveAttribute('aria-pressed', 'true'));
    expect(within(listItem(/Bob/)).getByRole('img', { name: 'Muted' })).toBeInTheDocument();
    expect(within(listItem(/Bob/)).getByText('3')).not.toHaveClass('bg-accent');

    await user.click(mute);

    await waitFor(() => expect(mute).toHaveAttribute('aria-pressed', 'false'));
    expect(screen.queryByRole('img', { name: 'Muted' })).not.toBeInTheDocument();
    expect(requests.filter((request) => request.method === 'PUT').map((request) => request.body)).toEqual([
      { muted: true },
      { muted: false },
    ]);
  });

  it('marks a chat with unread mentions of me with an @, in the accent colour even when muted', async () => {
    const chat: Chat = { ...makeDirectChat('c1', [alice, bob]), unreadCount: 3, mentionCount: 2, muted: true };
    const quiet: Chat = { ...makeDirectChat('c2', [alice, carol]), unreadCount: 1 };
    fakeApi({ 'GET /api/chats': () => ok({ chats: [chat, quiet] }) });
    renderAppAs(alice, '/chats');

    const link = await screen.findByRole('link', { name: /Bob/ }, firstRender);
    expect(link).toHaveAccessibleName(expect.stringContaining('2 mentions of you'));
    expect(within(listItem(/Bob/)).getByText('@')).toHaveClass('bg-accent');
    expect(within(listItem(/Carol/)).queryByText('@')).not.toBeInTheDocument();
  });

  it('says how long ago the last message was, with the exact time on hover', async () => {
    const at = (id: string, createdAt: string) =>
      makeMessage({ id, chatId: id, seq: 1, sender: bob, content: `from ${id}`, createdAt });
    fakeApi({
      'GET /api/chats': () =>
        ok({
          chats: [
            makeDirectChat('c1', [alice, bob], at('c1', '2026-11-25T11:55:00')),
            makeDirectChat('c2', [alice, bob], at('c2', '2026-11-24T09:30:00')),
            makeDirectChat('c3', [alice, bob], at('c3', '2026-03-02T18:45:00')),
          ],
        }),
    });
    renderAppAs(alice, '/chats');

    const recent = await screen.findByText('5 min', {}, firstRender);
    expect(recent).toHaveAttribute('title', 'Wednesday, 25 November 2026, 11:55');
    expect(screen.getByText('yesterday')).toHaveAttribute('title', 'Tuesday, 24 November 2026, 09:30');
    expect(screen.getByText('2 Mar')).toHaveAttribute('title', 'Monday, 2 March 2026, 18:45');
  });
});
