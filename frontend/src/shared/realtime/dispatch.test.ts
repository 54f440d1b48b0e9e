import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApiToSession } from '../../app/sessionBridge';
import { useSessionStore } from '../../features/auth';
import { useChatsStore } from '../../features/chats';
import { useContactsStore } from '../../features/contacts';
import { sendMessage, useMessagesStore } from '../../features/messages';
import { apiError, fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import type { Message } from '@messenger/contract';
import { startRealtime, stopRealtime } from './dispatch';
import type { ClientEventPayload } from '@messenger/contract';

const alice = makeUser({ id: 'u1', username: 'alice' });
const bob = makeUser({ id: 'u2', username: 'bob' });

describe('realtime', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    connectApiToSession();
    useSessionStore.getState().signedIn(alice, 'token-1');
    startRealtime();
    socket.connect();
    return stopRealtime;
  });

  it('connects with the current access token, taking presence, member changes and receipts in batches', () => {
    const options = socketIo.io.mock.lastCall?.[1] as { auth: (callback: (data: object) => void) => void };
    const auth = vi.fn();
    options.auth(auth);
    expect(auth).toHaveBeenCalledWith({
      token: 'token-1',
      features: ['presence-batch', 'membership-delta', 'receipts-batch'],
    });
  });

  it('fetches the chat list when a message arrives for a chat it does not know', async () => {
    const message = makeMessage({ id: 'm1', chatId: 'c9', seq: 1, sender: bob, content: 'hi alice' });
    fakeApi({ 'GET /api/chats': () => ok({ chats: [makeDirectChat('c9', [alice, bob], message)] }) });

    socket.serverEmit('message:new', { message });

    await vi.waitFor(() => expect(useChatsStore.getState().chats.map((chat) => chat.id)).toEqual(['c9']));
    expect(useMessagesStore.getState().timelines.c9?.messages).toEqual([message]);
  });

  it('shows our message once when its message:new echo comes before the acknowledgement', async () => {
    useChatsStore.getState().chatsFetched([makeDirectChat('c1', [alice, bob])]);
    socket.acknowledge = (_event, payload) => {
      const { chatId, clientMsgId, content } = payload as ClientEventPayload<'message:send'>;
      const message: Message = makeMessage({ id: 'm1', chatId, seq: 1, clientMsgId, content, sender: alice });
      socket.serverEmit('message:new', { message: structuredClone(message) });
      return Promise.resolve({ ok: true, message });
    };

    await sendMessage('c1', 'hello');

    expect(socket.emitted.filter(({ event }) => event === 'message:send')).toMatchObject([
      { event: 'message:send', payload: { chatId: 'c1', content: 'hello' } },
    ]);
    expect(useMessagesStore.getState().timelines.c1).toMatchObject({
      messages: [{ id: 'm1', content: 'hello' }],
      outbox: [],
    });
    expect(useChatsStore.getState().chats[0]?.lastMessage?.id).toBe('m1');
  });

  it('shows the error when the server refuses a message', async () => {
    socket.acknowledge = () => Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Not a member' } });

    await sendMessage('c1', 'hello');

    expect(useMessagesStore.getState().timelines.c1?.outbox).toMatchObject([
      { status: 'failed', error: 'Not a member' },
    ]);
  });

  it('refreshes the token and reconnects when the server says unauthorized', async () => {
    fakeApi({ 'POST /api/auth/refresh': () => ok({ accessToken: 'token-2', refreshToken: 'r2' }) });
    socket.disconnect();
    const connect = vi.spyOn(socket, 'connect');

    socket.serverEmit('connect_error', new Error('unauthorized'));

    await vi.waitFor(() => expect(connect).toHaveBeenCalledOnce());
    expect(useSessionStore.getState().accessToken).toBe('token-2');
  });

  it('reconnects once refreshing works again after an outage, however many refreshes failed', async () => {
    vi.useFakeTimers();
    try {
      let failures = 4;
      fakeApi({
        'POST /api/auth/refresh': () =>
          failures-- > 0
            ? apiError(503, 'SERVICE_UNAVAILABLE', 'Try again later')
            : ok({ accessToken: 'token-2', refreshToken: 'r2' }),
      });
      socket.disconnect();
      const connect = vi.spyOn(socket, 'connect');

      socket.serverEmit('connect_error', new Error('unauthorized'));
      await vi.advanceTimersByTimeAsync(60_000);

      expect(connect).toHaveBeenCalledOnce();
      expect(useSessionStore.getState()).toMatchObject({ status: 'signedIn', accessToken: 'token-2' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('tries again later, backing off, while the server refuses a connection past the per-user cap', async () => {
    vi.useFakeTimers();
    try {
      socket.disconnect();
      const connect = vi.spyOn(socket, 'connect').mockImplementation(() => {
        socket.serverEmit('connect_error', new Error('too many connections'));
        return socket;
      });

      socket.serverEmit('connect_error', new Error('too many connections'));
      await vi.advanceTimersByTimeAsync(2_000);
      expect(connect).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(3_000);
      expect(connect).toHaveBeenCalledOnce();
      // The next pause is longer: 5-10 s, then 10-20 s.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(connect).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(connect).toHaveBeenCalledTimes(3);
      expect(useSessionStore.getState().status).toBe('signedIn');
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends the session when the server closes the socket and refuses a refresh (signed out elsewhere)', async () => {
    fakeApi({ 'POST /api/auth/refresh': () => apiError(401, 'UNAUTHORIZED', 'Session has ended') });

    socket.disconnect();
    socket.serverEmit('disconnect', 'io server disconnect');

    await vi.waitFor(() =>
      expect(useSessionStore.getState()).toMatchObject({ status: 'signedOut', signOutReason: 'sessionEnded' }),
    );
  });

  it('reconnects when the server closed the socket but the session lives on', async () => {
    fakeApi({ 'POST /api/auth/refresh': () => ok({ accessToken: 'token-2', refreshToken: 'r2' }) });
    const connect = vi.spyOn(socket, 'connect');

    socket.disconnect();
    socket.serverEmit('disconnect', 'io server disconnect');

    await vi.waitFor(() => expect(connect).toHaveBeenCalledOnce());
    expect(useSessionStore.getState()).toMatchObject({ status: 'signedIn', accessToken: 'token-2' });
  });

  it('keeps a contact request sent from my other device with the ones I sent', () => {
    const carol = makeUser({ id: 'u3', username: 'carol' });
    socket.serverEmit('contact:request', { request: { id: 'r1', from: alice, to: carol, createdAt: '2025-01-01' } });
    socket.serverEmit('contact:request', { request: { id: 'r2', from: bob, to: alice, createdAt: '2025-01-01' } });

    expect(useContactsStore.getState()).toMatchObject({
      outgoing: [{ id: 'r1', to: { id: 'u3' } }],
      incoming: [{ id: 'r2', from: { id: 'u2' } }],
    });
  });
});
