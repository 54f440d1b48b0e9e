/** Counts the work running now, so that shutdown can wait for it to finish (sends, receipts, any socket event). */
export class InFlight {
  private running = 0;
  private waiters: (() => void)[] = [];

  /** Runs `work`, counted until it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  get size(): number {
    return this.running;
  }

  /** Resolves once nothing runs (at once when nothing does). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
