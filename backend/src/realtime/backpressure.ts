import type { Logger } from '../lib/logger';
import type { MessengerServer } from './socket-server';

/**
 * A client that stops reading (a phone that lost its radio without closing the connection, a stuck tab) would make
 * the server queue every event for it in memory without end. Its connection is dropped instead once more than
 * `maxBacklog` packets wait for it: the client reconnects when it can and catches up through `sync`, as after any
 * dropped connection, and the others never wait for it (every socket has its own queue). Returns a stop function.
 */
export function shedStalledSockets(
  io: MessengerServer,
  maxBacklog: number,
  logger: Logger,
  everyMs = 2_000,
): () => void {
  const timer = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      // engine.io keeps a connection's unsent packets in its (untyped) writeBuffer.
      const backlog = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
      if (backlog <= maxBacklog) continue;
      logger.warn({ userId: (socket.data as { userId?: string }).userId, backlog }, 'dropping a stalled socket');
      // Discard the queue: a graceful close would wait for it to drain, which a stalled client never does.
      socket.conn.close(true);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
