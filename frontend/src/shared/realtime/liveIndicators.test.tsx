import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob', online: true });
const mine = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: alice, content: 'lunch?' });
const chat = makeDirectChat('c1', [alice, bob], mine);

describe('receipts, typing, presence and unread counts, live', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    socket.acknowledge = () => Promise.resolve({ ok: true, events: [], cursor: 'c0' });
    fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1': () => ok({ chat }),
      'GET /api/chats/c1/messages': () => ok({ messages: [mine], hasMoreBefore: false, hasMoreAfter: false }),
    });
  });

  const serverSays = (event: string, payload: unknown) => act(() => socket.serverEmit(event, payload));

  it('marks my message delivered, then read, as the partner’s watermarks rise', async () => {
    renderAppAs(alice, '/chats/c1');
    const log = within(await screen.findByRole('log', { name: 'Messages' }));
    expect(await log.findByRole('img', { name: 'Sent' })).toHaveTextContent('✓');

    serverSays('message:delivered', { chatId: 'c1', userId: 'u2', seq: 1, cursor: 'c1' });
    expect(log.getByRole('img', { name: 'Delivered' })).toHaveTextContent('✓✓');

    serverSays('message:read', { chatId: 'c1', userId: 'u2', seq: 1, cursor: 'c2' });
    expect(log.getByRole('img', { name: 'Read' })).toBeInTheDocument();
  });

  it('follows watermarks sent as one receipts:changed for several chats and readers', async () => {
    renderAppAs(alice, '/chats/c1');
    const log = within(await screen.findByRole('log', { name: 'Messages' }));
    expect(await log.findByRole('img', { name: 'Sent' })).toBeInTheDocument();

    serverSays('receipts:changed', {
      receipts: [
        { chatId: 'c9', userId: 'u2', read: 4 },
        { chatId: 'c1', userId: 'u2', delivered: 1 },
      ],
      cursor: 'c1',
    });
    expect(log.getByRole('img', { name: 'Delivered' })).toBeInTheDocument();

    serverSays('receipts:changed', { receipts: [{ chatId: 'c1', userId: 'u2', delivered: 1, read: 1 }], cursor: 'c2' });
    expect(log.getByRole('img', { name: 'Read' })).toBeInTheDocument();
  });

  it('shows who is typing under the messages, until they stop', async () => {
    renderAppAs(alice, '/chats/c1');
    await screen.findByRole('log', { name: 'Messages' });

    serverSays('typing:start', { chatId: 'c1', userId: 'u2' });
    expect(screen.getByText('Bob is typing…')).toHaveAttribute('role', 'status');

    serverSays('typing:stop', { chatId: 'c1', userId: 'u2' });
    expect(screen.queryByText('Bob is typing…')).not.toBeInTheDocument();
  });

  it('follows the partner’s presence in the chat header', async () => {
    renderAppAs(alice, '/chats/c1');
    const header = within(await screen.findByRole('heading', { name: 'Bob' }).then((h) => h.closest('header')!));
    expect(header.getByText('Online')).toBeInTheDocument();

    serverSays('presence:offline', { userId: 'u2', lastSeenAt: new Date().toISOString() });
    expect(header.getByText(/^Last seen/)).toBeInTheDocument();

    serverSays('presence:online', { userId: 'u2' });
    expect(header.getByText('Online')).toBeInTheDocument();
  });

  it('follows presence sent as one batch per window', async () => {
    renderAppAs(alice, '/chats/c1');
    const header = within(await screen.findByRole('heading', { name: 'Bob' }).then((h) => h.closest('header')!));
    expect(header.getByText('Online')).toBeInTheDocument();

    serverSays('presence:changed', {
      online: ['u9'],
      offline: [{ userId: 'u2', lastSeenAt: new Date().toISOString() }],
    });
    expect(header.getByText(/^Last seen/)).toBeInTheDocument();

    serverSays('presence:changed', { online: ['u2'], offline: [] });
    expect(header.getByText('Online')).toBeInTheDocument();
  });

  it('counts new messages from others as unread, and clears the count when any of my devices read them', async () => {
    renderAppAs(alice, '/chats');
    await screen.findByRole('link', { name: /Bob/ });
    act(() => void socket.connect());

    serverSays('message:new', { message: makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: bob }), cursor: 'c1' });
    serverSays('message:new', { message: makeMessage({ id: 'm3', chatId: 'c1', seq: 3, sender: bob }), cursor: 'c2' });
    expect(screen.getByRole('link', { name: /Bob/ })).toHaveAccessibleName(/, 2 unread$/);
    await waitFor(() =>
      expect(socket.emitted).toContainEqual({
        event: 'receipts:batch',
        payload: { receipts: [{ chatId: 'c1', delivered: 3 }] },
      }),
    );

    // My other tab read them: the server tells every device of mine.
    serverSays('message:read', { chatId: 'c1', userId: 'u1', seq: 3, cursor: 'c3' });
    expect(screen.getByRole('link', { name: /Bob/ })).not.toHaveAccessibleName(/unread/);
  });

  it('follows presence on the profile page and in the contact list', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/contacts': () => ok({ contacts: [{ user: bob, since: '2025-01-01T00:00:00.000Z' }] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'GET /api/users/u2': () => ok({ user: { ...bob, isContact: true } }),
    });
    renderAppAs(alice, '/users/u2');
    expect(await screen.findByText('Online')).toBeInTheDocument();

    serverSays('presence:offline', { userId: 'u2', lastSeenAt: new Date().toISOString() });
    expect(screen.getByText(/^Last seen/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'Contacts' }));
    const contactRow = (await screen.findByRole('link', { name: 'Bob' })).closest('li')!;
    expect(within(contactRow).getByRole('img', { name: 'Offline' })).toBeInTheDocument();
    serverSays('presence:online', { userId: 'u2' });
    expect(within(contactRow).getByRole('img', { name: 'Online' })).toBeInTheDocument();
  });
});
