import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApiToSession } from '../../app/sessionBridge';
import { startRealtime, stopRealtime } from '../../shared/realtime/dispatch';
import { makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { useSessionStore } from '../auth';
import { notifyTyping, notifyTypingStopped } from '../typing';
import { READ_REPORT_INTERVAL_MS, reportSeen } from './readReceipts';

describe('what this device tells the others', () => {
  let socket: FakeSocket;
  let focused: boolean;
  const emittedOf = (event: string) => socket.emitted.filter((emitted) => emitted.event === event);

  beforeEach(() => {
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
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('reports the highest message seen as read, throttled, and only while the window has focus', () => {
    vi.useFakeTimers();
    reportSeen('c1', 4);
    reportSeen('c1', 6);
    expect(emittedOf('message:read').map(({ payload }) => payload)).toEqual([{ chatId: 'c1', seq: 4 }]);
    vi.advanceTimersByTime(READ_REPORT_INTERVAL_MS);
    expect(emittedOf('message:read').at(-1)?.payload).toEqual({ chatId: 'c1', seq: 6 });

    focused = false;
    reportSeen('c2', 9);
    expect(emittedOf('message:read')).toHaveLength(2);
    focused = true;
    window.dispatchEvent(new Event('focus'));
    expect(emittedOf('message:read').at(-1)?.payload).toEqual({ chatId: 'c2', seq: 9 });
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
