import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import type { TestNginx } from '../../../backend/tests/helpers/nginx';
import { backoffDelayMs } from '../../../frontend/src/shared/lib/backoff';
import type { Ledger } from './ledger';

/** The web app's acknowledgement timeout (frontend/src/shared/realtime/socket.ts). */
const ACK_TIMEOUT_MS = 8_000;
/**
 * A send that neither the socket nor HTTP could deliver waits for the next connect, as in the web app; it is also
 * tried again after this long, so that a run never waits on a client that stayed connected.
 */
const RETRY_AFTER_MS = 3_000;

type Ack<T> = { ok: true } & T;
type Refusal = { ok: false; error: { code: string; message: string } };
interface DeliveredMessage {
  id: string;
  clientMsgId: string;
}
interface SyncReply {
  events: { event: string; payload: { message?: DeliveredMessage } }[];
  cursor: string;
  hasMore: boolean;
}

interface Outgoing {
  chatId: string;
  clientMsgId: string;
  content: string;
  lastTriedAt: number;
}

/** Connection figures of one simulated user, gathered by the benchmark at the end. */
export interface ConnectionTimes {
  /** Disconnect → connected again, per reconnect (ms). */
  reconnects: number[];
  /** Its parts: disconnect → the successful attempt (the client's reconnection delay, and failed attempts)... */
  waited: number[];
  /** ...→ the transport open (Engine.IO handshake through nginx)... */
  opened: number[];
  /** ...→ `connect` (the server's connection middleware and handler). */
  admitted: number[];
  /** Disconnect → `sync` done after reconnecting (ms). */
  caughtUp: number[];
  connectErrors: number;
  expiredCursors: number;
  /** Syncs that got no answer or failed (tried again while connected, backing off, as in the web app). */
  failedSyncs: number;
}

/**
 * One signed-in user of the web app, as far as messages go (frontend/src/shared/realtime/dispatch.ts and
 * features/messages/sendMessage.ts): one socket through nginx from its own loopback address; on every connect it
 * sends what is still pending and replays what it missed with `sync {cursor}`, keeping the cursor of every live
 * event it applies (but not while a sync runs). A send goes over the socket, or over HTTP when the socket is down
 * or the acknowledgement does not come; one that neither could deliver stays pending with its clientMsgId and is
 * sent again on the next connect (the server answers a repeat with the message it already stored).
 */
export class SimulatedUser {
  readonly times: ConnectionTimes = {
    reconnects: [],
    waited: [],
    opened: [],
    admitted: [],
    caughtUp: [],
    connectErrors: 0,
    expiredCursors: 0,
    failedSyncs: 0,
  };
  /** What happened to the connection and when (performance.now()), to explain a lost delivery. */
  readonly history: { at: number; what: string }[] = [];
  private readonly socket: Socket;
  private cursor: string | null = null;
  /** From connect until a sync has replayed everything (frontend/src/shared/realtime/dispatch.ts: owesSync). */
  private owesSync = false;
  private catchUpRun = 0;
  private syncRetry: NodeJS.Timeout | undefined;
  private disconnectedAt: number | null = null;
  private attemptedAt = 0;
  private openedAt = 0;
  private readonly outbox = new Map<string, Outgoing>();
  private readonly inFlight = new Set<string>();
  private readonly retryTimer: NodeJS.Timeout;

  constructor(
    readonly index: number,
    private readonly token: string,
    private readonly localAddress: string,
    private readonly nginx: TestNginx,
    private readonly ledger: Ledger,
  ) {
    this.socket = nginx.socket(token, localAddress);
    this.socket.on('connect', () => void this.onConnect());
    this.socket.on('disconnect', (reason) => {
      this.disconnectedAt ??= performance.now();
      this.note(`disconnect (${reason})`);
      // Socket.IO does not reconnect after a server-side disconnect; the web app refreshes its token and connects
      // again (our token is still valid, so it connects at once).
      if (reason === 'io server disconnect') this.socket.connect();
    });
    this.socket.on('connect_error', () => this.times.connectErrors++);
    this.socket.io.on('reconnect_attempt', () => (this.attemptedAt = performance.now()));
    this.socket.io.on('open', () => (this.openedAt = performance.now()));
    this.socket.on('message:new', (payload: { message: DeliveredMessage; cursor?: string }) => {
      this.ledger.delivered(this.index, payload.message, 'live', payload.cursor);
      if (payload.cursor && !this.owesSync) this.cursor = payload.cursor;
    });
    this.retryTimer = setInterval(() => this.retryStale(), RETRY_AFTER_MS / 2);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Connected, caught up, nothing waiting to be sent. */
  get idle(): boolean {
    return this.socket.connected && !this.owesSync && this.outbox.size === 0;
  }

  send(chatId: string, clientMsgId: string, content: string): void {
    this.outbox.set(clientMsgId, { chatId, clientMsgId, content, lastTriedAt: 0 });
    void this.deliver(clientMsgId);
  }

  close(): void {
    clearInterval(this.retryTimer);
    clearTimeout(this.syncRetry);
    this.socket.disconnect();
  }

  private note(what: string): void {
    this.history.push({ at: performance.now(), what });
  }

  private async onConnect(): Promise<void> {
    this.note('connect');
    const reconnected = this.disconnectedAt;
    this.disconnectedAt = null;
    if (reconnected !== null) {
      const now = performance.now();
      // A server-side disconnect reconnects at once, without a reconnection attempt.
      const attempted = Math.max(this.attemptedAt, reconnected);
      this.times.reconnects.push(now - reconnected);
      this.times.waited.push(attempted - reconnected);
      // After a server-side disconnect the transport may still be open: then it took no time to open.
      const opened = Math.max(this.openedAt, attempted);
      this.times.opened.push(opened - attempted);
      this.times.admitted.push(now - opened);
    }
    for (const clientMsgId of this.outbox.keys()) void this.deliver(clientMsgId);
    this.owesSync = true;
    await this.catchUp(reconnected, 0);
  }

  /** As the web app: a failed sync keeps the cursor and is tried again, backing off, while connected. */
  private async catchUp(reconnected: number | null, attempt: number): Promise<void> {
    clearTimeout(this.syncRetry);
    const run = ++this.catchUpRun;
    try {
      const replayed = await this.sync();
      this.note(`synced (${replayed} replayed)`);
      if (run !== this.catchUpRun) return;
      this.owesSync = false;
      if (reconnected !== null) this.times.caughtUp.push(performance.now() - reconnected);
    } catch (error) {
      this.times.failedSyncs++;
      this.note(`sync failed (${error instanceof Error ? error.message : String(error)})`);
      // Disconnected meanwhile: the next connect syncs from the same cursor. Otherwise try again later.
      if (run !== this.catchUpRun || !this.socket.connected) return;
      const delay = backoffDelayMs(attempt, { baseMs: 1_000, capMs: 30_000 });
      this.syncRetry = setTimeout(() => void this.catchUp(reconnected, attempt + 1), delay);
    }
  }

  /** frontend/src/shared/realtime/syncMissedEvents.ts; returns how many messages it replayed. */
  private async sync(): Promise<number> {
    let replayed = 0;
    this.note(`sync from ${this.cursor}`);
    for (;;) {
      const reply = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sync', { cursor: this.cursor })) as
        Ack<SyncReply> | Refusal;
      if (!reply.ok) {
        if (reply.error.code !== 'CURSOR_EXPIRED' || this.cursor === null) throw new Error(reply.error.code);
        // The web app refetches its chats by seq here; this benchmark only counts it (it should not happen).
        this.times.expiredCursors++;
        this.cursor = null;
        continue;
      }
      for (const { event, payload } of reply.events) {
        if (event !== 'message:new' || !payload.message) continue;
        this.ledger.delivered(this.index, payload.message, 'replay');
        replayed++;
      }
      this.cursor = reply.cursor;
      if (!reply.hasMore || reply.events.length === 0) return replayed;
    }
  }

  private retryStale(): void {
    const now = performance.now();
    for (const outgoing of this.outbox.values())
      if (now - outgoing.lastTriedAt >= RETRY_AFTER_MS) void this.deliver(outgoing.clientMsgId);
  }

  private async deliver(clientMsgId: string): Promise<void> {
    const outgoing = this.outbox.get(clientMsgId);
    if (!outgoing || this.inFlight.has(clientMsgId)) return;
    this.inFlight.add(clientMsgId);
    this.ledger.attempted(clientMsgId);
    try {
      const outcome = await this.submit(outgoing);
      if (outcome === 'retry') return;
      this.outbox.delete(clientMsgId);
      if (typeof outcome === 'string') this.ledger.refused(clientMsgId, outcome);
      else this.ledger.acked(clientMsgId, outcome.message.id, outcome.via);
    } finally {
      outgoing.lastTriedAt = performance.now();
      this.inFlight.delete(clientMsgId);
    }
  }

  /** The acknowledged message, a refusal's reason, or 'retry' (neither way reached the server's answer). */
  private async submit({
    chatId,
    clientMsgId,
    content,
  }: Outgoing): Promise<{ message: DeliveredMessage; via: 'socket' | 'http' } | string | 'retry'> {
    if (this.socket.connected) {
      try {
        const ack = (await this.socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('message:send', { chatId, clientMsgId, content })) as
          Ack<{ message: DeliveredMessage }> | Refusal;
        if (ack.ok) return { message: ack.message, via: 'socket' };
        if (ack.error.code !== 'RATE_LIMITED') return `socket: ${ack.error.code}`;
      } catch {
        // No acknowledgement in time (or the socket closed meanwhile): over HTTP, as the web app does.
      }
    }
    try {
      const response = await this.nginx.request('POST', `/api/chats/${chatId}/messages`, {
        localAddress: this.localAddress,
        headers: { Authorization: `Bearer ${this.token}` },
        json: { clientMsgId, content },
      });
      if (response.status === 200 || response.status === 201)
        return { message: (JSON.parse(response.body) as { message: DeliveredMessage }).message, via: 'http' };
      // nginx found no instance to answer: as good as no answer at all.
      if ([502, 503, 504].includes(response.status)) {
        this.ledger.httpRetry();
        return 'retry';
      }
      return `http: ${response.status} ${response.body.slice(0, 200)}`;
    } catch {
      this.ledger.httpRetry();
      return 'retry';
    }
  }
}
