import type { Logger } from '../lib/logger';
import type { MessengerServer } from './socket-server';

export interface BacklogLimits {
  /** Packets waiting in engine.io's queue. */
  maxPackets: number;
  /** Bytes not yet handed to the kernel: the queued packets plus what the WebSocket has buffered. */
  maxBytes: number;
}

/** engine.io's untyped internals that hold a connection's unsent data. */
interface EngineConnection {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: number } };
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** What a connection holds unsent, as packets and bytes. */
function backlogOf(connection: unknown): { packets: number; bytes: number } {
  const { writeBuffer = [], transport } = connection as EngineConnection;
  let bytes = transport?.socket?.bufferedAmount ?? 0;
  for (const packet of writeBuffer) bytes += sizeOf(packet.data);
  return { packets: writeBuffer.length, bytes };
}

/**
 * A client that stops reading (a phone that lost its radio without closing the connection, a stuck tab) would make
 * the server queue every event for it in memory without end. Its connection is dropped instead once more than
 * `maxPackets` packets or `maxBytes` bytes wait for it (a few large events weigh more than many small ones): the
 * client reconnects when it can and catches up through `sync`, as after any dropped connection, and the others
 * never wait for it (every socket has its own queue). Returns a stop function.
 */
export function shedStalledSockets(
  io: MessengerServer,
  limits: BacklogLimits,
  logger: Logger,
  everyMs = 2_000,
): () => void {
  const timer = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      const backlog = backlogOf(socket.conn);
      if (backlog.packets <= limits.maxPackets && backlog.bytes <= limits.maxBytes) continue;
      logger.warn({ userId: (socket.data as { userId?: string }).userId, ...backlog }, 'dropping a stalled socket');
      // Discard the queue: a graceful close would wait for it to drain, which a stalled client never does.
      socket.conn.close(true);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
