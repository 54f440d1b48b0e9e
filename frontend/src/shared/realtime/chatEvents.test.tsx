import { act, screen, within } from '@testing-library/react';
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

  it('leaves the open chat with a notice when I am removed from it', async () => {
    const router = renderAppAs(alice, '/chats/g1');
    await screen.findByRole('log', { name: 'Messages' });

    serverSays('chat:removed', { chatId: 'g1' });

    expect(await screen.findByText('You are no longer in this group.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/chats');
    expect(useChatsStore.getState().chats).toEqual([]);
  });
});
