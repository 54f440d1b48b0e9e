import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useChatsStore } from '../../features/chats';
import { useMessagesStore } from '../../features/messages';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const group = makeGroupChat('g1', 'Team', [bob, alice]);
const greeting = makeMessage({ id: 'm1', chatId: 'g1', seq: 1, sender: bob, content: 'morning all' });

describe('live changes to chats and messages', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    fakeApi({
      'GET /api/chats': () => ok({ chats: [group] }),
      'GET /api/chats/g1/messages': () => ok({ messages: [greeting], hasMoreBefore: false, hasMoreAfter: false }),
    });
  });

  const serverSays = (event: string, payload: unknown) => act(() => socket.serverEmit(event, payload));

  it('shows edits, deletions and reactions as they happen', async () => {
    renderAppAs(alice, '/chats/g1');
    await screen.findByText('morning all', { selector: 'li *' });
    const log = within(screen.getByRole('log', { name: 'Messages' }));

    serverSays('message:edited', {
      message: { ...greeting, content: 'morning everyone', editedAt: greeting.createdAt },
    });
    expect(log.getByText('morning everyone')).toBeInTheDocument();
    expect(log.getByText('edited')).toBeInTheDocument();

    serverSays('reaction:updated', {
      chatId: 'g1',
      messageId: 'm1',
      reactions: [{ emoji: '👀', count: 1, userIds: ['u2'] }],
    });
    expect(screen.getByRole('button', { name: '👀 1 reaction' })).toHaveAttribute('aria-pressed', 'false');

    serverSays('message:deleted', { message: { ...greeting, content: '', deletedAt: greeting.createdAt } });
    expect(log.getByText('This message was deleted')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '👀 1 reaction' })).not.toBeInTheDocument();
  });

  it('leaves out an edit or deletion of a message it never loaded, so older history still loads whole', async () => {
    const latest = makeMessage({ id: 'm40', chatId: 'g1', seq: 40, sender: bob, content: 'see you tomorrow' });
    const history = fakeApi({
      'GET /api/chats': () => ok({ chats: [group] }),
      'GET /api/chats/g1/messages': () => ok({ messages: [latest], hasMoreBefore: true, hasMoreAfter: false }),
    });
    renderAppAs(alice, '/chats/g1');
    await screen.findByText('see you tomorrow', { selector: 'li *' });
    const old = makeMessage({ id: 'm3', chatId: 'g1', seq: 3, sender: bob, content: 'an old typo, fixed' });

    serverSays('message:edited', { message: { ...old, editedAt: old.createdAt } });
    serverSays('message:deleted', { message: { ...old, id: 'm4', seq: 4, content: '', deletedAt: old.createdAt } });

    const log = within(screen.getByRole('log', { name: 'Messages' }));
    expect(log.queryByText('an old typo, fixed')).not.toBeInTheDocument();
    expect(log.queryByText('This message was deleted')).not.toBeInTheDocument();
    // Paging back still asks for what comes before the oldest message loaded, not before the edited one.
    expect(useMessagesStore.getState().timelines.g1?.messages.map((message) => message.seq)).toEqual([40]);
    expect(history.filter((request) => request.path === '/api/chats/g1/messages')).toHaveLength(1);
  });

  it('adds a group I was put in, and renames one that changed', async () => {
    renderAppAs(alice, '/chats');
    await screen.findByRole('link', { name: /Team/ });

    serverSays('chat:created', { chat: makeGroupChat('g2', 'Book club', [bob, alice]) });
    serverSays('chat:updated', { chat: { ...group, name: 'Dream team' } });

    expect(screen.getByRole('link', { name: /Book club/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Dream team/ })).toBeInTheDocument();
  });

  it('shows who joins and who leaves in the group info as it happens (chat:members), the owner passing on', async () => {
    const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol', online: true });
    renderAppAs(alice, '/chats/g1');
    await screen.findByRole('log', { name: 'Messages' });
    act(() => screen.getByRole('button', { name: 'Group info' }).click());
    const panel = within(screen.getByRole('dialog', { name: 'Group info' }));
    expect(panel.getByRole('heading', { name: 'Members (2)' })).toBeInTheDocument();

    const carolJoins = { chatId: 'g1', added: [{ user: carol, role: 'member', lastReadSeq: 1, lastDeliveredSeq: 1 }] };
    serverSays('chat:members', {
      ...carolJoins,
      removed: [],
      ownerId: bob.id,
      updatedAt: '2025-01-02T00:00:00.000Z',
      membersVersion: 1,
    });
    expect(panel.getByRole('heading', { name: 'Members (3)' })).toBeInTheDocument();
    expect(panel.getByRole('link', { name: /^Carol/ })).toBeInTheDocument();
    expect(panel.queryByRole('button', { name: 'Remove Carol' })).not.toBeInTheDocument();

    serverSays('chat:members', {
      chatId: 'g1',
      added: [],
      removed: [bob.id],
      ownerId: alice.id,
      updatedAt: '2025-01-02T00:01:00.000Z',
      membersVersion: 2,
    });
    expect(panel.getByRole('heading', { name: 'Members (2)' })).toBeInTheDocument();
    expect(panel.queryByRole('link', { name: /^Bob/ })).not.toBeInTheDocument();
    // The group passed to me: I may now remove Carol.
    expect(panel.getByRole('button', { name: 'Remove Carol' })).toBeInTheDocument();
    expect(useChatsStore.getState().chats[0]).toMatchObject({
      ownerId: alice.id,
      updatedAt: '2025-01-02T00:01:00.000Z',
    });
  });

  it('keeps the members right when two changes made at the same moment arrive the other way round', async () => {
    const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });
    const carolAsMember = { user: carol, role: 'member', lastReadSeq: 1, lastDeliveredSeq: 1 };
    const change = { chatId: 'g1', ownerId: bob.id, updatedAt: '2025-01-02T00:00:00.000Z' };
    const joins = { ...change, added: [carolAsMember], removed: [], membersVersion: 1 };
    const removed = { ...change, added: [], removed: [carol.id], membersVersion: 2 };
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [group] }),
      'GET /api/chats/g1/messages': () => ok({ messages: [greeting], hasMoreBefore: false, hasMoreAfter: false }),
      // Fetched anew when the removal comes first: the group as it is after both.
      'GET /api/chats/g1': () => ok({ chat: { ...group, membersVersion: 2 } }),
    });
    renderAppAs(alice, '/chats/g1');
    await screen.findByRole('log', { name: 'Messages' });
    act(() => screen.getByRole('button', { name: 'Group info' }).click());
    const panel = within(screen.getByRole('dialog', { name: 'Group info' }));

    serverSays('chat:members', removed);
    serverSays('chat:members', joins);

    await waitFor(() => expect(useChatsStore.getState().chats[0]?.membersVersion).toBe(2));
    expect(panel.getByRole('heading', { name: 'Members (2)' })).toBeInTheDocument();
    expect(panel.queryByRole('link', { name: /^Carol/ })).not.toBeInTheDocument();
    expect(requests.filter((request) => request.path === '/api/chats/g1')).toHaveLength(1);
    // Heard again (a replay): nothing changes.
    serverSays('chat:members', joins);
    expect(panel.getByRole('heading', { name: 'Members (2)' })).toBeInTheDocument();
  });

  it('keeps newer members when a whole chat read before a member change arrives after it', async () => {
    const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });
    renderAppAs(alice, '/chats');
    await screen.findByRole('link', { name: /Team/ });

    serverSays('chat:members', {
      chatId: 'g1',
      added: [{ user: carol, role: 'member', lastReadSeq: 1, lastDeliveredSeq: 1 }],
      removed: [],
      ownerId: bob.id,
      updatedAt: '2025-01-02T00:00:00.000Z',
      membersVersion: 1,
    });
    // A rename published by another instance, which read the group just before Carol joined.
    serverSays('chat:updated', { chat: { ...group, name: 'Dream team' } });

    expect(screen.getByRole('link', { name: /Dream team/ })).toBeInTheDocument();
    expect(useChatsStore.getState().chats[0]?.participants.map((participant) => participant.user.id)).toEqual([
      bob.id,
      alice.id,
      carol.id,
    ]);
  });

  it('leaves the open chat with a notice when I am removed from it', async () => {
    const router = renderAppAs(alice, '/chats/g1');
    await screen.findByRole('log', { name: 'Messages' });

    serverSays('chat:removed', { chatId: 'g1' });

    expect(await screen.findByText('You are no longer in this group.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/chats');
    expect(useChatsStore.getState().chats).toEqual([]);
  });
});
