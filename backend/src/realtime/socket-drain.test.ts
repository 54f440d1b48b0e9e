import { EventEmitter } from 'node:events';
import type { Socket } from 'socket.io';
import { SLICE_MS, SocketWork, SOCKETS_PER_SLICE } from './socket-drain';

/** A server-side socket as far as SocketWork sees it: its engine.io connection closes when asked. */
function fakeSocket(closedAt: Map<number, number>, id: number) {
  const conn = Object.assign(new EventEmitter(), {
    readyState: 'open',
    close() {
      conn.readyState = 'closed';
      closedAt.set(id, Date.now());
      conn.emit('close');
    },
  });
  return { conn } as unknown as Socket;
}

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

afterEach(() => jest.useRealTimers());

it('closes a socket once the events it is running are answered, and runs none of those that arrive meanwhile', async () => {
  const work = new SocketWork();
  const closedAt = new Map<number, number>();
  const socket = fakeSocket(closedAt, 1);
  const send = deferred();
  const running = work.run(socket, () => send.promise);
  const closing = work.close(socket);
  const late = jest.fn(() => Promise.resolve());
  await work.run(socket, late);
  await new Promise((resolve) => setImmediate(resolve));
  expect(closedAt.has(1)).toBe(false);
  expect(work.all.size).toBe(1);

  send.resolve();
  await Promise.all([running, closing]);
  expect(closedAt.has(1)).toBe(true);
  expect(late).not.toHaveBeenCalled();
  expect(work.all.size).toBe(0);
});

it(`closes many sockets ${SOCKETS_PER_SLICE} at most every ${SLICE_MS} ms, not all at once`, async () => {
  jest.useFakeTimers({ now: 0 });
  const work = new SocketWork();
  const closedAt = new Map<number, number>();
  const sockets = Array.from({ length: 2 * SOCKETS_PER_SLICE + 1 }, (_, id) => fakeSocket(closedAt, id));
  const closing = work.closeGradually(sockets);
  await jest.runAllTimersAsync();
  await closing;

  expect(closedAt.size).toBe(sockets.length);
  const perSlice = new Map<number, number>();
  for (const at of closedAt.values()) perSlice.set(at, (perSlice.get(at) ?? 0) + 1);
  expect([...perSlice.keys()].sort((a, b) => a - b)).toEqual([0, SLICE_MS, 2 * SLICE_MS]);
  expect(Math.max(...perSlice.values())).toBeLessThanOrEqual(SOCKETS_PER_SLICE);
});
