import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApiToSession } from '../../app/sessionBridge';
import { useSessionStore } from '../../features/auth';
import { useChatsStore } from '../../features/chats';
import { sendMessage, useMessagesStore } from '../../features/messages';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import type { Message } from '@messenger/contract';
import { startRealtime, stopRealtime } from './dispatch';
import type { ClientEventPayload } from '@messenger/contract';
import { loadCursor, saveCursor } from './syncCursor';

const alice = makeUser({ id: 'u1', username: 'alice' });
const bob = makeUser({ id: 'u2', username: 'bob' });
const fromBob = (seq: number) => makeMessage({ id: `m${seq}`, chatId: 'c1', seq, sender: bob });
const page = (messages: Message[]) => ok({ messages, hasMoreBefore: false, hasMoreAfter: false });

describe('catching up after a (re)connect', () => {
  let socket: FakeSocket;
  let syncAnswers: unknown[];

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    syncAnswers = [];
    socket.acknowledge = (event) =>
      event === 'sync'
        ? Promise.resolve(syncAnswers.shift() ?? { ok: true, events: [], cursor: 'c-end' })
        : Promise.resolve({ ok: true });
    connectApiToSession();
    useSessionStore.getState().signedIn(alice, 'token-1');
    useChatsStore.getState().chatsFetched([makeDirectChat('c1', [alice, bob])]);
    startRealtime();
    return stopRealtime;
  });

  it('asks for a cursor on first use, then replays from the stored one, page by page, through the dispatch table', async () => {
    socket.connect();
    await vi.waitFor(() => expect(loadCursor('u1')).toBe('c-end'));
    expect(socket.emitted).toContainEqual({ event: 'sync', payload: { cursor: null } });

    syncAnswers = [
      {
        ok: true,
        events: [{ event: 'message:new', payload: { message: fromBob(1), cursor: 'c1' } }],
        cursor: 'c1',
        hasMore: true,
      },
      {
        ok: true,
        events: [{ event: 'message:read', payload: { chatId: 'c1', userId: 'u2', seq: 1, cursor: 'c2' } }],
        cursor: 'c2',
        hasMore: false,
      },
    ];
    socket.disconnect();
    socket.connect();

    await vi.waitFor(() => expect(loadCursor('u1')).toBe('c2'));
    expect(socket.emitted.filter(({ event }) => event === 'sync').map(({ payload }) => payload)).toEqual([
      { cursor: null },
      { cursor: 'c-end' },
      { cursor: 'c1' },
    ]);
    expect(useMessagesStore.getState().timelines.c1?.messages.map((message) => message.id)).toEqual(['m1']);
    expect(useChatsStore.getState().chats[0]?.participants.find((p) => p.user.id === 'u2')?.lastReadSeq).toBe(1);
  });

  it('refetches the chats and the opened chat when the cursor is too old to replay', async () => {
    saveCursor('u1', 'ancient');
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [makeDirectChat('c1', [alice, bob], fromBob(3))] }),
      'GET /api/chats/c1/messages': () => page([fromBob(3)]),
    });
    useMessagesStore.getState().latestPageFetched('c1', { messages: [], hasMoreBefore: false, hasMoreAfter: false });
    syncAnswers = [{ ok: false, error: { code: 'CURSOR_EXPIRED', message: 'too old' } }];

    socket.connect();

    await vi.waitFor(() => expect(useMessagesStore.getState().timelines.c1?.messages.map((m) => m.seq)).toEqual([3]));
    expect(requests.map((request) => request.path)).toContain('/api/chats');
    expect(loadCursor('u1')).toBe('c-end');
    // Refetched rather than pushed, it still reached this device: its sender is told so.
    await vi.waitFor(() =>
      expect(socket.emitted).toContainEqual({
        event: 'receipts:batch',
        payload: { receipts: [{ chatId: 'c1', delivered: 3 }] },
      }),
    );
  });

  it('after a reconnect, fetches the rest of an opened chat that the refetched chat list shows to be behind', async () => {
    // The message sent while this device was away reached neither its socket nor its replay (the cursor was still
    // good); the chat list says the chat has moved on, and that is enough.
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [makeDirectChat('c1', [alice, bob], fromBob(2))] }),
      'GET /api/chats/c1/messages': () => page([fromBob(2)]),
    });
    useMessagesStore
      .getState()
      .latestPageFetched('c1', { messages: [fromBob(1)], hasMoreBefore: false, hasMoreAfter: false });
    socket.connect();
    socket.disconnect();
    socket.connect();

    await vi.waitFor(() =>
      expect(useMessagesStore.getState().timelines.c1?.messages.map((m) => m.seq)).toEqual([1, 2]),
    );
    expect(requests.find((request) => request.path === '/api/chats/c1/messages')?.query).toEqual({ after: 1 });
    await vi.waitFor(() =>
      expect(socket.emitted).toContainEqual({
        event: 'receipts:batch',
        payload: { receipts: [{ chatId: 'c1', delivered: 2 }] },
      }),
    );
  });

  it('fetches the missing messages when a new one skips ahead of what it holds', async () => {
    const requests = fakeApi({ 'GET /api/chats/c1/messages': () => page([fromBob(2), fromBob(3)]) });
    useMessagesStore
      .getState()
      .latestPageFetched('c1', { messages: [fromBob(1)], hasMoreBefore: false, hasMoreAfter: false });
    socket.connect();

    socket.serverEmit('message:new', { message: fromBob(4), cursor: 'c9' });

    await vi.waitFor(() =>
      expect(useMessagesStore.getState().timelines.c1?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]),
    );
    expect(requests[0]?.query).toEqual({ after: 1 });
    expect(socket.emitted).toContainEqual({
      event: 'receipts:batch',
      payload: { receipts: [{ chatId: 'c1', delivered: 4 }] },
    });
  });

  it('keeps a message written offline pending, then sends it once under the same clientMsgId when connected', async () => {
    fakeApi({}); // Without a network, HTTP fails too.
    const { AxiosError } = await import('axios');
    const { api } = await import('../api/client');
    api.defaults.adapter = () => Promise.reject(new AxiosError('Network Error', 'ERR_NETWORK'));

    await sendMessage('c1', 'written in a tunnel');
    expect(useMessagesStore.getState().timelines.c1?.outbox).toMatchObject([
      { content: 'written in a tunnel', status: 'sending' },
    ]);

    socket.acknowledge = (event, payload) => {
      if (event !== 'message:send') return Promise.resolve({ ok: true, events: [], cursor: 'c-end' });
      const { clientMsgId, content } = payload as ClientEventPayload<'message:send'>;
      return Promise.resolve({
        ok: true,
        message: makeMessage({ id: 'm1', chatId: 'c1', seq: 1, clientMsgId, content, sender: alice }),
      });
    };
    socket.connect();

    await vi.waitFor(() => expect(useMessagesStore.getState().timelines.c1?.outbox).toEqual([]));
    const sends = socket.emitted.filter(({ event }) => event === 'message:send');
    expect(sends).toHaveLength(1);
    expect(useMessagesStore.getState().timelines.c1?.messages.map((m) => m.content)).toEqual(['written in a tunnel']);
  });

  it('answers auth:expired with a freshly refreshed token', async () => {
    fakeApi({ 'POST /api/auth/refresh': () => ok({ accessToken: 'token-2', refreshToken: 'r2' }) });
    socket.connect();

    socket.serverEmit('auth:expired', {});

    await vi.waitFor(() =>
      expect(socket.emitted).toContainEqual({ event: 'auth:refresh', payload: { token: 'token-2' } }),
    );
  });
  it('keeps the cursor while a sync that failed is owed: live events do not move it, and the sync is tried again', async () => {
    vi.useFakeTimers();
    try {
      saveCursor('u1', 'c-old');
      syncAnswers = [{ ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'try again' } }];
      socket.connect();
      await vi.advanceTimersByTimeAsync(0);
      socket.serverEmit('message:new', { message: fromBob(7), cursor: 'c-live' });
      expect(loadCursor('u1')).toBe('c-old');

      await vi.advanceTimersByTimeAsync(30_000);
      const syncs = socket.emitted.filter(({ event }) => event === 'sync').map(({ payload }) => payload);
      expect(syncs).toEqual([{ cursor: 'c-old' }, { cursor: 'c-old' }]);
      expect(loadCursor('u1')).toBe('c-end');
      socket.serverEmit('message:new', { message: fromBob(8), cursor: 'c-later' });
      expect(loadCursor('u1')).toBe('c-later');
    } finally {
      vi.useRealTimers();
    }
  });

  it('catches up from the cursor before a failed sync when it reconnects, not from a live event since', async () => {
    saveCursor('u1', 'c-old');
    syncAnswers = [{ ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'try again' } }];
    socket.connect();
    await vi.waitFor(() => expect(socket.emitted.filter(({ event }) => event === 'sync')).toHaveLength(1));
    // The refusal is answered at once: a macrotask later it has been handled.
    await new Promise((resolve) => setTimeout(resolve, 0));
    socket.serverEmit('message:new', { message: fromBob(7), cursor: 'c-live' });
    socket.disconnect();
    socket.connect();
    await vi.waitFor(() => expect(loadCursor('u1')).toBe('c-end'));
    const syncs = socket.emitted.filter(({ event }) => event === 'sync').map(({ payload }) => payload);
    expect(syncs).toEqual([{ cursor: 'c-old' }, { cursor: 'c-old' }]);
  });
});
