import { performance } from 'node:perf_hooks';

/** One message as its sender wrote it: when the user pressed send, who should get it, what became of it. */
interface Sent {
  clientMsgId: string;
  sender: number;
  /** Indexes of the users who should receive it (the chat's members but the sender). */
  recipients: readonly number[];
  /** The time the send was scheduled (open loop): latencies count from here, whatever the retries. */
  scheduledAt: number;
  ackedAt?: number;
  ackedVia?: 'socket' | 'http';
  /** A final refusal (the web app would show the message as failed). */
  refused?: string;
  attempts: number;
  /** Every server id seen for this clientMsgId: more than one is a message stored twice. */
  messageIds: Set<string>;
  /** First arrival at each recipient. */
  deliveredAt: Map<number, number>;
  /** Its place in the replay log, as the first live copy (the sender's own included) carried it. */
  cursor?: string;
}

export type Via = 'live' | 'replay';

/** An acknowledged message that one recipient never got. */
export interface LostDelivery {
  clientMsgId: string;
  sender: number;
  recipient: number;
  scheduledAt: number;
  ackedAt: number;
  ackedVia: 'socket' | 'http' | undefined;
  cursor: string | undefined;
}

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, p50: at(50) ?? NaN, p99: at(99) ?? NaN, max: sorted.at(-1) ?? NaN };
}

/** What every simulated user sent and received, and what is counted from it at the end. */
export class Ledger {
  private readonly sent = new Map<string, Sent>();
  /** `messageId:recipient` → how often it came as a live `message:new`. */
  private readonly liveArrivals = new Map<string, number>();
  private replayRepeats = 0;
  private firstByReplay = 0;
  private httpRetries = 0;

  scheduled(clientMsgId: string, sender: number, recipients: readonly number[], scheduledAt: number): void {
    this.sent.set(clientMsgId, {
      clientMsgId,
      sender,
      recipients,
      scheduledAt,
      attempts: 0,
      messageIds: new Set(),
      deliveredAt: new Map(),
    });
  }

  attempted(clientMsgId: string): void {
    const sent = this.sent.get(clientMsgId);
    if (sent) sent.attempts++;
  }

  /** A retryable failure of the HTTP fallback (no answer, or nginx's 502/503/504). */
  httpRetry(): void {
    this.httpRetries++;
  }

  acked(clientMsgId: string, messageId: string, via: 'socket' | 'http'): void {
    const sent = this.sent.get(clientMsgId);
    if (!sent) return;
    sent.messageIds.add(messageId);
    if (sent.ackedAt !== undefined) return;
    sent.ackedAt = performance.now();
    sent.ackedVia = via;
  }

  refused(clientMsgId: string, reason: string): void {
    const sent = this.sent.get(clientMsgId);
    if (sent && sent.ackedAt === undefined) sent.refused = reason;
  }

  delivered(recipient: number, message: { id: string; clientMsgId: string }, via: Via, cursor?: string): void {
    const sent = this.sent.get(message.clientMsgId);
    if (sent && cursor) sent.cursor ??= cursor;
    if (!sent || !sent.recipients.includes(recipient)) return;
    sent.messageIds.add(message.id);
    if (via === 'live') {
      const key = `${message.id}:${recipient}`;
      this.liveArrivals.set(key, (this.liveArrivals.get(key) ?? 0) + 1);
    }
    if (sent.deliveredAt.has(recipient)) {
      if (via === 'replay') this.replayRepeats++;
      return;
    }
    sent.deliveredAt.set(recipient, performance.now());
    if (via === 'replay') this.firstByReplay++;
  }

  /** Nothing left to wait for: every send answered, every acknowledged message at all of its recipients. */
  settled(): boolean {
    for (const sent of this.sent.values()) {
      if (sent.refused !== undefined) continue;
      if (sent.ackedAt === undefined || sent.deliveredAt.size < sent.recipients.length) return false;
    }
    return true;
  }

  summary(window: { from: number; to: number }) {
    const all: number[] = [];
    const inWindow: number[] = [];
    const acks: number[] = [];
    let acked = 0;
    let ackedOverHttp = 0;
    let retried = 0;
    let expected = 0;
    let lost = 0;
    let storedTwice = 0;
    const refusals: string[] = [];
    const lostExamples: LostDelivery[] = [];
    for (const sent of this.sent.values()) {
      if (sent.attempts > 1) retried++;
      if (sent.messageIds.size > 1) storedTwice++;
      if (sent.refused !== undefined) refusals.push(sent.refused);
      if (sent.ackedAt === undefined) continue;
      acked++;
      if (sent.ackedVia === 'http') ackedOverHttp++;
      acks.push(sent.ackedAt - sent.scheduledAt);
      const windowed = sent.scheduledAt >= window.from && sent.scheduledAt <= window.to;
      for (const recipient of sent.recipients) {
        expected++;
        const at = sent.deliveredAt.get(recipient);
        if (at === undefined) {
          lost++;
          const { clientMsgId, sender, scheduledAt, ackedAt, ackedVia, cursor } = sent;
          if (lostExamples.length < 5)
            lostExamples.push({ clientMsgId, sender, recipient, scheduledAt, ackedAt, ackedVia, cursor });
          continue;
        }
        all.push(at - sent.scheduledAt);
        if (windowed) inWindow.push(at - sent.scheduledAt);
      }
    }
    let liveRepeats = 0;
    for (const count of this.liveArrivals.values()) liveRepeats += count - 1;
    return {
      sent: this.sent.size,
      acked,
      ackedOverHttp,
      retried,
      httpRetries: this.httpRetries,
      refusals,
      unacknowledged: this.sent.size - acked - refusals.length,
      expected,
      lost,
      lostExamples,
      firstByReplay: this.firstByReplay,
      storedTwice,
      liveRepeats,
      replayRepeats: this.replayRepeats,
      delivery: percentiles(all),
      deliveryInWindow: percentiles(inWindow),
      ack: percentiles(acks),
    };
  }
}
