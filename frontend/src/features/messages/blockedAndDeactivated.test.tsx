import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startRealtime, stopRealtime } from '../../shared/realtime/dispatch';
import { apiError, fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { renderAppAs } from '../../test/renderApp';
import { useChatsStore } from '../chats';
import { useSessionStore } from '../auth';
import { useMessagesStore } from './messagesStore';
import { flushOutbox, sendMessage } from './sendMessage';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });
const BLOCKED = 'Bob Builder does not accept messages from you';

describe('a direct chat with someone who blocked me', () => {
  it("shows the server's refusal at the message, and does not send it again", async () => {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [makeDirectChat('c1', [alice, bob])] }),
      'GET /api/chats/c1/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
      'POST /api/chats/c1/messages': () => apiError(403, 'BLOCKED', BLOCKED),
    });
    renderAppAs(alice, '/chats/c1');

    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'hello?{Enter}');

    const log = screen.getByRole('log', { name: 'Messages' });
    expect(await within(log).findByRole('alert')).toHaveTextContent(`Not sent: ${BLOCKED}`);
    await flushOutbox();
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('takes a refusal over the socket as final too: a reconnect does not send it again', async () => {
    const socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    socket.acknowledge = (event) =>
      Promise.resolve(
        event === 'message:send'
          ? { ok: false, error: { code: 'BLOCKED', message: BLOCKED } }
          : { ok: true, events: [], cursor: 'c-end' },
      );
    useSessionStore.getState().signedIn(alice, 'token-1');
    useChatsStore.getState().chatsFetched([makeDirectChat('c1', [alice, bob])]);
    startRealtime();
    socket.connect();

    await sendMessage('c1', 'hello?');
    socket.disconnect();
    socket.connect();

    expect(useMessagesStore.getState().timelines.c1?.outbox).toMatchObject([
      { content: 'hello?', status: 'failed', error: BLOCKED },
    ]);
    await vi.waitFor(() => expect(socket.emitted.filter(({ event }) => event === 'sync').length).toBe(2));
    expect(socket.emitted.filter(({ event }) => event === 'message:send')).toHaveLength(1);
    stopRealtime();
  });
});

describe('a deactivated person', () => {
  it('keeps their messages, their name marked', async () => {
    const gone = { ...bob, deactivated: true as const };
    fakeApi({
      'GET /api/chats': () => ok({ chats: [makeDirectChat('c1', [alice, gone])] }),
      'GET /api/chats/c1/messages': () =>
        ok({
          messages: [makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: gone, content: 'bye all' })],
          hasMoreBefore: false,
          hasMoreAfter: false,
        }),
    });
    renderAppAs(alice, '/chats/c1');

    const log = await screen.findByRole('log', { name: 'Messages' });
    expect(await within(log).findByRole('link', { name: 'Bob Builder (deactivated)' })).toHaveAttribute(
      'href',
      '/users/u2',
    );
    expect(within(log).getByText('bye all')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Bob Builder (deactivated)' })).toBeInTheDocument();
  });
});
