import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApiToSession } from '../../app/sessionBridge';
import { startRealtime, stopRealtime } from '../../shared/realtime/dispatch';
import { makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { useSessionStore } from '../auth';
import { notifyTyping, notifyTypingStopped } from '../typing';
import { RECEIPT_BATCH_INTERVAL_MS, reportDelivered, reportSeen, resetReceiptReporting } from './readReceipts';

describe('what this device tells the others', () => {
  let socket: FakeSocket;
  let focused: boolean;
  const emittedOf = (event: string) => socket.emitted.filter((emitted) => emitted.event === event);
  const batches = () => emittedOf('receipts:batch').map(({ payload }) => (payload as { receipts: unknown[] }).receipts);

  beforeEach(() => {
    // Before connecting: a connect flushes the receipts, which starts the batcher's timer.
    vi.useFakeTimers();
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    socket.acknowledge = () => Promise.resolve({ ok: true, events: [], cursor: 'c0' });
    focused = true;
    vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
    connectApiToSession();
    useSessionStore.getState().signedIn(makeUser({ id: 'u1', username: 'alice' }), 'token-1');
    startRealtime();
    socket.connect();
  });
  afterEach(() => {
    stopRealtime();
    resetReceiptReporting();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('reports the highest message seen as read, throttled, and only while the window has focus', () => {
    reportSeen('c1', 4);
    vi.advanceTimersByTime(0);
    reportSeen('c1', 6);
    expect(batches()).toEqual([[{ chatId: 'c1', read: 4 }]]);
    vi.advanceTimersByTime(RECEIPT_BATCH_INTERVAL_MS);
    expect(batches().at(-1)).toEqual([{ chatId: 'c1', read: 6 }]);

    focused = false;
    reportSeen('c2', 9);
    vi.advanceTimersByTime(RECEIPT_BATCH_INTERVAL_MS);
    expect(batches()).toHaveLength(2);
    focused = true;
    window.dispatchEvent(new Event('focus'));
    vi.advanceTimersByTime(0);
    expect(batches().at(-1)).toEqual([{ chatId: 'c2', read: 9 }]);
  });

  it('sends the receipts of all chats that moved within an interval as one receipts:batch', () => {
    reportDelivered('c1', 3);
    reportDelivered('c2', 8);
    reportSeen('c2', 7);
    reportDelivered('c3', 1);
    vi.advanceTimersByTime(0);

    expect(batches()).toEqual([
      [
        { chatId: 'c1', delivered: 3 },
        { chatId: 'c2', delivered: 8, read: 7 },
        { chatId: 'c3', delivered: 1 },
      ],
    ]);
    expect(emittedOf('message:delivered')).toEqual([]);
    expect(emittedOf('message:read')).toEqual([]);
  });

  it('says "typing" at most every 3 s, and "stopped" once', () => {
    notifyTyping('c1', 1_000);
    notifyTyping('c1', 2_000);
    notifyTyping('c1', 4_100);
    expect(emittedOf('typing:start')).toHaveLength(2);

    notifyTypingStopped('c1');
    notifyTypingStopped('c1');
    expect(emittedOf('typing:stop')).toEqual([{ event: 'typing:stop', payload: { chatId: 'c1' } }]);
  });
});
