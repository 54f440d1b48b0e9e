import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '@messenger/contract';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const group = makeGroupChat('c1', 'Team', [bob, alice]);
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 13, minute)).toISOString();
const old = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: bob, content: 'the old plan' });
const pinnedOld = { ...old, pinnedAt: at(1), pinnedBy: alice };
const recent = Array.from({ length: 5 }, (_, index) =>
  makeMessage({ id: `r${index + 2}`, chatId: 'c1', seq: index + 2, sender: bob, content: `chat line ${index + 2}` }),
);
const last = recent.at(-1) as Message;

describe('pinned messages', () => {
  let socket: FakeSocket;
  beforeEach(() => {
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
  });
  const serverSays = (event: string, payload: unknown) => act(() => socket.serverEmit(event, payload));

  function openChat(pins: Message[], routes = {}, history = recent) {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [group] }),
      'GET /api/chats/c1/pins': () => ok({ messages: pins }),
      'GET /api/chats/c1/messages': (request) =>
        request.query.around
          ? ok({ messages: [pinnedOld], hasMoreBefore: false, hasMoreAfter: true })
          : ok({ messages: history, hasMoreBefore: true, hasMoreAfter: false }),
      ...routes,
    });
    const router = renderAppAs(alice, '/chats/c1');
    return { requests, router, user: userEvent.setup() };
  }

  it('counts them in the header and lists them newest pin first, with who pinned them', async () => {
    const pinnedLast = { ...last, pinnedAt: at(2), pinnedBy: bob };
    const { user } = openChat([pinnedLast, pinnedOld], {}, [...recent.slice(0, -1), pinnedLast]);

    await user.click(await screen.findByRole('button', { name: '2 pinned messages' }));

    const panel = screen.getByRole('dialog', { name: 'Pinned messages' });
    expect(within(panel).getByText('2 of 50 pinned')).toBeInTheDocument();
    const items = within(within(panel).getByRole('list', { name: 'Pinned messages' })).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual([
      'Show in chat: chat line 6',
      'Show in chat: the old plan',
    ]);
    expect(within(items[1]!).getByText('Pinned by Alice')).toBeInTheDocument();
    // The newest message is in view: it shows its pin.
    const log = within(screen.getByRole('log', { name: 'Messages' }));
    const row = (await log.findByText('chat line 6')).closest('li') as HTMLElement;
    expect(within(row).getByText('Pinned')).toBeInTheDocument();
  });

  it('jumps to a pinned message that is not loaded, fetching the history around it', async () => {
    const { user, router, requests } = openChat([pinnedOld]);

    await user.click(await screen.findByRole('button', { name: '1 pinned message' }));
    await user.click(screen.getByRole('link', { name: 'Show in chat: the old plan' }));

    expect(router.state.location.pathname).toBe('/chats/c1/messages/m1');
    const quoted = await within(screen.getByRole('log', { name: 'Messages' })).findByText('the old plan');
    expect(quoted.closest('[aria-current]')).toHaveAttribute('aria-current', 'true');
    expect(requests.some((request) => request.query.around === 'm1')).toBe(true);
  });

  it('pins from the message menu and unpins from the panel, for everyone', async () => {
    const { user, requests } = openChat([], {
      'POST /api/messages/r6/pin': () => ok({ message: { ...last, pinnedAt: at(3), pinnedBy: alice } }),
      'DELETE /api/messages/r6/pin': () => ok({ message: last }),
    });
    const row = (await screen.findByText('chat line 6')).closest('li') as HTMLElement;
    await waitFor(() => expect(requests.some((request) => request.path === '/api/chats/c1/pins')).toBe(true));
    expect(screen.queryByRole('button', { name: /pinned message/ })).toBeNull();

    await user.click(within(row).getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Pin message' }));

    expect(await within(row).findByText('Pinned')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '1 pinned message' }));
    await user.click(screen.getByRole('button', { name: 'Unpin message' }));

    expect(await screen.findByText(/No pinned messages/)).toBeInTheDocument();
    expect(within(row).queryByText('Pinned')).toBeNull();
    expect(requests.filter((request) => request.path === '/api/messages/r6/pin').map((r) => r.method)).toEqual([
      'POST',
      'DELETE',
    ]);
  });

  it('follows message:pinned and deletions live', async () => {
    openChat([]);
    await screen.findByText('chat line 6');
    await waitFor(() => expect(screen.queryByText('Loading chat…')).toBeNull());

    serverSays('message:pinned', { message: { ...last, pinnedAt: at(4), pinnedBy: bob } });
    expect(await screen.findByRole('button', { name: '1 pinned message' })).toBeInTheDocument();
    // A pin of a message this device does not hold leaves the history as it was (no hole, no stray message).
    serverSays('message:pinned', { message: pinnedOld });
    expect(screen.getByRole('button', { name: '2 pinned messages' })).toBeInTheDocument();
    expect(screen.queryByText('the old plan', { selector: 'li *' })).toBeNull();

    serverSays('message:deleted', { message: { ...last, content: '', deletedAt: at(5) } });
    serverSays('message:pinned', { message: old });
    expect(screen.queryByRole('button', { name: /pinned message/ })).toBeNull();
  });
});
