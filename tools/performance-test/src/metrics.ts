import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/** Latencies are recorded in microseconds. */
export const histogram = (digits: 2 | 3 = 3): Histogram =>
  build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: digits, autoResize: true });

export const micros = (ms: number) => Math.max(1, Math.round(ms * 1000));

export interface Second {
  sent: number;
  acked: number;
  delivered: number;
  /** Delivery latency of the messages whose intended send time fell in this second. */
  latency: Histogram;
}

/**
 * Everything one process measures; a worker's metrics travel to the parent with toJSON and are merged there.
 * Deliveries count only once per (message, recipient); a repeat is a duplicate, an earlier seq after a later
 * one in the same chat at the same recipient is out of order.
 */
export class Metrics {
  connect = histogram();
  ack = histogram();
  delivery = histogram();
  /** How late the generator sent each message behind its schedule. */
  lag = histogram();
  seconds = new Map<number, Second>();
  errors: Record<string, number> = {};
  counts = { connected: 0, sent: 0, expected: 0, acked: 0, delivered: 0, duplicates: 0, outOfOrder: 0, foreign: 0 };
  private readonly received = new Map<number, Set<number>>();
  private readonly lastSeq = new Map<string, number>();

  /** Send start (ms since the epoch): per-second series count from here. */
  constructor(public startMs = 0) {}

  second(atMs: number): Second {
    const index = Math.max(0, Math.floor((atMs - this.startMs) / 1000));
    let second = this.seconds.get(index);
    if (!second) this.seconds.set(index, (second = { sent: 0, acked: 0, delivered: 0, latency: histogram(2) }));
    return second;
  }

  error(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
  }

  recordSend(intendedMs: number, actualMs: number, recipients: number): void {
    this.counts.sent++;
    this.counts.expected += recipients;
    this.lag.recordValue(micros(Math.max(0, actualMs - intendedMs)));
    this.second(intendedMs).sent++;
  }

  recordAck(intendedMs: number, atMs: number): void {
    this.counts.acked++;
    this.ack.recordValue(micros(atMs - intendedMs));
    this.second(atMs).acked++;
  }

  /** One `message:new` of this run at a recipient; false when it was a duplicate. */
  recordDelivery(
    recipient: number,
    messageNo: number,
    chatId: string,
    seq: number,
    intendedMs: number,
    atMs: number,
  ): boolean {
    let seen = this.received.get(recipient);
    if (!seen) this.received.set(recipient, (seen = new Set()));
    if (seen.has(messageNo)) {
      this.counts.duplicates++;
      return false;
    }
    seen.add(messageNo);
    const key = `${recipient}:${chatId}`;
    const last = this.lastSeq.get(key) ?? 0;
    if (seq < last) this.counts.outOfOrder++;
    else this.lastSeq.set(key, seq);
    this.counts.delivered++;
    const latency = micros(atMs - intendedMs);
    this.delivery.recordValue(latency);
    this.second(intendedMs).latency.recordValue(latency);
    this.second(atMs).delivered++;
    return true;
  }

  toJSON(): MetricsJson {
    const encode = (h: Histogram) => encodeIntoCompressedBase64(h);
    return {
      startMs: this.startMs,
      connect: encode(this.connect),
      ack: encode(this.ack),
      delivery: encode(this.delivery),
      lag: encode(this.lag),
      seconds: [...this.seconds].map(([index, s]) => ({ ...s, index, latency: encode(s.latency) })),
      errors: this.errors,
      counts: this.counts,
    };
  }

  /** Adds another process's measurements (its seconds must share this start time). */
  merge(other: MetricsJson): void {
    const decode = (text: string) => decodeFromCompressedBase64(text);
    this.connect.add(decode(other.connect));
    this.ack.add(decode(other.ack));
    this.delivery.add(decode(other.delivery));
    this.lag.add(decode(other.lag));
    for (const s of other.seconds) {
      const mine = this.second(this.startMs + s.index * 1000);
      mine.sent += s.sent;
      mine.acked += s.acked;
      mine.delivered += s.delivered;
      mine.latency.add(decode(s.latency));
    }
    for (const [kind, count] of Object.entries(other.errors)) this.errors[kind] = (this.errors[kind] ?? 0) + count;
    for (const key of Object.keys(this.counts) as (keyof Metrics['counts'])[]) this.counts[key] += other.counts[key];
  }
}

export interface MetricsJson {
  startMs: number;
  connect: string;
  ack: string;
  delivery: string;
  lag: string;
  seconds: { index: number; sent: number; acked: number; delivered: number; latency: string }[];
  errors: Record<string, number>;
  counts: Metrics['counts'];
}

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** A histogram's percentiles in milliseconds. */
export function summarize(h: Histogram): Summary {
  const ms = (value: number) => Math.round(value) / 1000;
  const at = (percentile: number) => (h.totalCount ? ms(h.getValueAtPercentile(percentile)) : 0);
  return {
    count: h.totalCount,
    mean: h.totalCount ? ms(h.mean) : 0,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    max: at(100),
  };
}
