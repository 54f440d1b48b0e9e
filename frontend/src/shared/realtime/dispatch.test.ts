import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApiToSession } from '../../app/sessionBridge';
import { useSessionStore } from '../../features/auth';
import { useChatsStore } from '../../features/chats';
import { sendMessage, useMessagesStore } from '../../features/messages';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket } from '../../test/fakeSocket';
import type { Message } from '../api/types';
import { startRealtime, stopRealtime } from './dispatch';
import type { SendMessagePayload } from './events';

const socketIo = vi.hoisted(() => ({ io: vi.fn() }));
vi.mock('socket.io-client', () => socketIo);

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

  it('connects with the current access token', () => {
    const options = socketIo.io.mock.lastCall?.[1] as { auth: (callback: (data: object) => void) => void };
    const auth = vi.fn();
    options.auth(auth);
    expect(auth).toHaveBeenCalledWith({ token: 'token-1' });
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
      const { chatId, clientMsgId, content } = payload as SendMessagePayload;
      const message: Message = makeMessage({ id: 'm1', chatId, seq: 1, clientMsgId, content, sender: alice });
      socket.serverEmit('message:new', { message: structuredClone(message) });
      return Promise.resolve({ ok: true, message });
    };

    await sendMessage('c1', 'hello');

    expect(socket.emitted).toMatchObject([{ event: 'message:send', payload: { chatId: 'c1', content: 'hello' } }]);
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
});
