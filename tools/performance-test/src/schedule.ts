import { nowMs, sleep } from './pool';

/**
 * An open-loop schedule: message n is due at start + n / rate, whatever happened to the ones before it (no
 * waiting for acknowledgements). A generator that falls behind sends the overdue messages at once, and every
 * measurement runs from the intended time, so a slow server cannot hide its delays (no coordinated omission).
 */
export class OpenLoopSchedule {
  readonly total: number;

  constructor(
    readonly rate: number,
    durationSeconds: number,
    readonly startMs: number,
  ) {
    this.total = Math.max(1, Math.round(rate * durationSeconds));
  }

  intended(n: number): number {
    return this.startMs + (n * 1000) / this.rate;
  }

  /** How many messages are due by `atMs` (0 … total). */
  dueBy(atMs: number): number {
    if (atMs < this.startMs) return 0;
    return Math.min(this.total, Math.floor(((atMs - this.startMs) * this.rate) / 1000) + 1);
  }
}

/**
 * Calls `send(n, intendedMs, actualMs)` for every message of the schedule on time (or as soon as the event loop
 * lets it); `send` must not block. Resolves once the last one went out.
 */
export async function runSchedule(
  schedule: OpenLoopSchedule,
  send: (n: number, intendedMs: number, actualMs: number) => void,
  stopped: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  while (next < schedule.total && !stopped()) {
    const now = nowMs();
    const due = schedule.dueBy(now);
    for (; next < due; next++) send(next, schedule.intended(next), now);
    if (next < schedule.total) await sleep(Math.max(0, schedule.intended(next) - nowMs()));
  }
}
