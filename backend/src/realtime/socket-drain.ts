import type { Socket } from 'socket.io';
import { InFlight } from '../lib/in-flight';

/**
 * Sockets are closed a slice at a time when an instance drains: at most SOCKETS_PER_SLICE every SLICE_MS, and
 * never over more than MAX_SLICES slices (2 s), so 5,000 sockets leave over 2 s, not in the same millisecond. Their
 * clients then wait 0–2 s before reconnecting (the web app's randomizationFactor of 1), so those 5,000 come back
 * spread over about 4 s, a few percent of them in any 100 ms, instead of all at once to the instances left.
 */
export const SOCKETS_PER_SLICE = 250;
export const SLICE_MS = 100;
export const MAX_SLICES = 20;
/** How long a closing socket may take to write what it has queued before the server discards it. */
const FLUSH_BEFORE_CLOSE_MS = 2_000;

/**
 * The client events running now, per socket and in all, so that a draining instance answers what it accepted
 * before it closes a socket: a send acknowledged before the close is a send the client does not repeat.
 */
export class SocketWork {
  /** Every event handler running, including those of sockets already gone (their results are still written). */
  readonly all = new InFlight();
  private readonly perSocket = new WeakMap<Socket, InFlight>();
  private readonly closing = new WeakSet<Socket>();

  /**
   * Runs one event of `socket`. Once the socket is being closed its new events are not run: the close fails the
   * client's pending acknowledgements at once, and the web app sends them again after reconnecting (a send keeps
   * its clientMsgId, so it is stored once).
   */
  run(socket: Socket, work: () => Promise<void>): Promise<void> {
    if (this.closing.has(socket)) return Promise.resolve();
    let running = this.perSocket.get(socket);
    if (!running) this.perSocket.set(socket, (running = new InFlight()));
    const ofSocket = running;
    return this.all.run(() => ofSocket.run(work));
  }

  /**
   * Closes the socket's connection once the events it is running are answered. The transport closes (the client
   * sees "transport close", not "io server disconnect"), so socket.io-client reconnects by itself, through the
   * load balancer, to an instance still serving.
   */
  async close(socket: Socket): Promise<void> {
    this.closing.add(socket);
    await this.perSocket.get(socket)?.idle();
    const connection = socket.conn;
    if (connection.readyState === 'closed') return;
    // engine.io closes once what it queued is written (the acknowledgements above): closing the server before
    // then would discard them. A client that stopped reading is not waited for long.
    const closed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FLUSH_BEFORE_CLOSE_MS);
      connection.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    connection.close();
    await closed;
  }

  /** Closes every socket of `sockets`, a slice at a time (see SOCKETS_PER_SLICE); resolves once all are closed. */
  async closeGradually(sockets: Iterable<Socket>): Promise<void> {
    const all = [...sockets];
    const slices = Math.min(MAX_SLICES, Math.ceil(all.length / SOCKETS_PER_SLICE));
    const perSlice = Math.ceil(all.length / Math.max(1, slices));
    const closed: Promise<void>[] = [];
    for (let slice = 0; slice < slices; slice++) {
      if (slice > 0) await new Promise((resolve) => setTimeout(resolve, SLICE_MS));
      for (const socket of all.slice(slice * perSlice, (slice + 1) * perSlice)) closed.push(this.close(socket));
    }
    await Promise.all(closed);
  }
}
