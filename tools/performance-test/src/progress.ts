import { Presets, SingleBar } from 'cli-progress';

export interface Live {
  connected: number;
  sent: number;
  delivered: number;
  p99Ms: number;
  cpuPercent: number;
}

/**
 * One progress bar at a time: set-up phases, then connecting, then sending with the live rate, connections,
 * running delivery p99 and the generator's CPU. Without a terminal it prints a line every few seconds.
 */
export class ProgressDisplay {
  private bar: SingleBar | undefined;
  private phase = '';
  private lastSent = 0;
  private lastAt = 0;

  private start(phase: string, total: number, format: string): SingleBar {
    if (this.phase === phase && this.bar) return this.bar;
    this.stop();
    this.phase = phase;
    this.bar = new SingleBar(
      { format, noTTYOutput: true, notTTYSchedule: 3_000, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { phase: phase.padEnd(15), rate: '0', connected: 0, p99: '-', cpu: '0' });
    return this.bar;
  }

  setup(phase: string, done: number, total: number): void {
    this.start(phase, total, '{phase} [{bar}] {value}/{total}').update(done);
  }

  connecting(connected: number, total: number): void {
    this.start('connecting', total, '{phase} [{bar}] {value}/{total} sockets').update(connected);
  }

  /** Called about once a second while sending. */
  sending(elapsedSeconds: number, totalSeconds: number, live: Live): void {
    const bar = this.start(
      'sending',
      totalSeconds,
      '{phase} [{bar}] {value}/{total} s | {rate} msg/s | {connected} connected | p99 {p99} ms | CPU {cpu} %',
    );
    const now = Date.now();
    const rate = this.lastAt ? ((live.sent - this.lastSent) * 1000) / Math.max(1, now - this.lastAt) : 0;
    [this.lastSent, this.lastAt] = [live.sent, now];
    bar.update(Math.min(totalSeconds, Math.round(elapsedSeconds)), {
      rate: rate.toFixed(1),
      connected: live.connected,
      p99: live.p99Ms ? live.p99Ms.toFixed(1) : '-',
      cpu: live.cpuPercent.toFixed(0),
    });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
    this.phase = '';
  }
}
