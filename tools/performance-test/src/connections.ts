import { createReceiptBatcher, createWatermarkReporter, DECLARED_FEATURES } from '@messenger/client';
import {
  CLIENT_FEATURES,
  type ClientToServerEvents,
  type RefreshResponse,
  type ServerToClientEvents,
} from '@messenger/contract';
import { io, type Socket } from 'socket.io-client';
import type { Metrics } from './metrics';
import { nowMs, sleep } from './pool';
import { parseMessageId } from './traffic';
import type { WorldState } from './world/state';

/** What a socket does with each message it receives: report the chat's delivered watermark. */
interface DeliveryReceipts {
  report: (chatId: string, seq: number) => void;
  reset: () => void;
}

/** A client of the server's own contract: the event maps the web app and the server compile against. */
export type MessengerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  target: string;
  socketTargets: string[];
  localIps: string[];
  world: WorldState;
  /** The user indices this process holds a socket for. */
  hosted: number[];
  /** When the first socket of the whole run starts connecting, and over how many seconds all of them do. */
  rampStartMs: number;
  rampUpSeconds: number;
  runId: string;
  metrics: Metrics;
  /** How often each socket may send its delivered watermarks, as the web app does; 0: never. */
  receiptIntervalMs: number;
  /** One message:delivered per chat, as older clients, instead of one receipts:batch for all chats. */
  perChatReceipts: boolean;
  onConnect?: () => void;
}

/**
 * One Socket.IO connection per hosted user, opened on a ramp (user k of n at start + k/n × ramp-up), the connect
 * time measured from that intended moment. Every `message:new` of this run is recorded as a delivery to the user.
 */
export class Connections {
  readonly sockets = new Map<number, MessengerSocket>();
  private readonly receipts: DeliveryReceipts[] = [];
  private closing = false;

  constructor(private readonly options: ConnectOptions) {}

  async open(deadlineMs: number): Promise<void> {
    const { world, hosted, rampStartMs, rampUpSeconds } = this.options;
    const members = new Map(world.chats.map((chat) => [chat.id, new Set(chat.members)]));
    const pending: Promise<void>[] = [];
    for (const index of hosted) {
      const intended = rampStartMs + (index / world.users.length) * rampUpSeconds * 1000;
      await sleep(intended - nowMs());
      pending.push(this.connectOne(index, intended, members));
    }
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(pending),
      new Promise<void>((resolve) => (deadline = setTimeout(resolve, deadlineMs - nowMs()))),
    ]);
    clearTimeout(deadline);
  }

  private connectOne(index: number, intendedMs: number, members: Map<string, Set<number>>): Promise<void> {
    const { metrics, runId } = this.options;
    const user = this.options.world.users[index];
    if (!user) return Promise.resolve();
    const { socketTargets, localIps } = this.options;
    // engine.io-client hands localAddress to the WebSocket under Node; socket.io-client's types leave it out.
    const socket: MessengerSocket = io(socketTargets[index % socketTargets.length] ?? this.options.target, {
      // The web app's features: presence as one batch per window, cheaper for the server in a connection storm,
      // member changes as chat:members and receipts as receipts:changed (the CLI ignores them), unless it plays an
      // older client's receipts.
      auth: { token: user.accessToken, features: this.features },
      transports: ['websocket'],
      forceNew: true,
      timeout: 20_000,
      ...{ localAddress: localIps[index % localIps.length] },
    });
    this.sockets.set(index, socket);
    const { receiptIntervalMs, perChatReceipts } = this.options;
    const receipts =
      receiptIntervalMs <= 0
        ? undefined
        : perChatReceipts
          ? this.perChatReceipts(socket, receiptIntervalMs)
          : this.batchedReceipts(socket, receiptIntervalMs);
    if (receipts) this.receipts.push(receipts);
    socket.on('message:new', ({ message }) => {
      const at = nowMs();
      const id = parseMessageId(message.clientMsgId, runId);
      if (!id || message.sender?.id === user.id) return;
      if (!members.get(message.chatId)?.has(index)) return void metrics.counts.foreign++;
      metrics.recordDelivery(index, id.n, message.chatId, message.seq, id.intendedMs, at);
      receipts?.report(message.chatId, message.seq);
    });
    socket.on('connect_error', (error) => metrics.error(`connect_error: ${error.message}`));
    socket.on('auth:expired', () => void this.reauthenticate(index, socket));
    socket.on('disconnect', (reason) => {
      if (!this.closing) metrics.error(`disconnect: ${reason}`);
    });
    return new Promise((resolve) => {
      socket.once('connect', () => {
        metrics.connect.recordValue(Math.max(1, Math.round((nowMs() - intendedMs) * 1000)));
        metrics.counts.connected++;
        this.options.onConnect?.();
        resolve();
      });
    });
  }

  private get features(): readonly string[] {
    if (!this.options.perChatReceipts) return DECLARED_FEATURES;
    return DECLARED_FEATURES.filter((feature) => feature !== CLIENT_FEATURES.receiptsBatch);
  }

  /**
   * What the web app does with every message it receives, with the web app's own batcher: report the chat's
   * delivered watermark, all chats that moved going as one receipts:batch at most once per interval. It puts the
   * server's receipt path (a watermark write, then receipts:changed to the senders) into the load, as real clients
   * do.
   */
  private batchedReceipts(socket: MessengerSocket, intervalMs: number): DeliveryReceipts {
    const batcher = createReceiptBatcher({
      intervalMs,
      send: (receipts) => {
        if (!socket.connected) return false;
        socket.timeout(10_000).emit('receipts:batch', { receipts }, (error, ack) => {
          if (this.receiptRefused(error, ack)) batcher.failed(receipts);
          if (ack?.ok) for (const result of ack.results) if (!result.ok) this.receiptRefused(null, result);
        });
        return true;
      },
    });
    return { report: (chatId, seq) => batcher.report('delivered', chatId, seq), reset: batcher.reset };
  }

  /** As older clients (--per-chat-receipts): a message:delivered per chat, at most once per interval per chat. */
  private perChatReceipts(socket: MessengerSocket, intervalMs: number): DeliveryReceipts {
    const reporter = createWatermarkReporter({
      intervalMs,
      send: (chatId, seq) => {
        if (!socket.connected) return false;
        socket.timeout(10_000).emit('message:delivered', { chatId, seq }, (error, ack) => {
          if (this.receiptRefused(error, ack)) reporter.failed(chatId, seq);
        });
        return true;
      },
    });
    return reporter;
  }

  /** Counts a receipt's failure; true when it is worth sending again (no answer, or rate limited). */
  private receiptRefused(error: Error | null, ack: { ok: boolean; error?: { code: string } } | undefined): boolean {
    // Receipts still unanswered when the run closes its sockets are not the server's failures.
    if (this.closing) return false;
    if (error) this.options.metrics.error('receipt: timeout');
    else if (ack && !ack.ok) this.options.metrics.error(`receipt: ${ack.error?.code}`);
    return Boolean(error) || ack?.error?.code === 'RATE_LIMITED';
  }

  /**
   * Runs longer than the access-token lifetime: refresh the token (rotating the refresh token, kept in the world
   * state for the next --reuse) and hand it to the socket, and to its reconnects.
   */
  private async reauthenticate(index: number, socket: MessengerSocket): Promise<void> {
    const user = this.options.world.users[index];
    if (!user) return;
    try {
      const response = await fetch(`${this.options.target}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: user.refreshToken }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const tokens = (await response.json()) as RefreshResponse;
      Object.assign(user, tokens);
      socket.auth = { token: tokens.accessToken };
      // Its answer changes nothing here: a refused refresh ends in a disconnect, which is counted.
      socket.emit('auth:refresh', { token: tokens.accessToken }, () => undefined);
    } catch {
      this.options.metrics.error('auth: refresh failed');
    }
  }

  get connected(): number {
    let count = 0;
    for (const socket of this.sockets.values()) if (socket.connected) count++;
    return count;
  }

  close(): void {
    this.closing = true;
    for (const receipts of this.receipts) receipts.reset();
    for (const socket of this.sockets.values()) socket.disconnect();
  }
}
