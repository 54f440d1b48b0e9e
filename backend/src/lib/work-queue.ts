/**
 * Runs at most `concurrency` tasks at once; the others wait their turn, first come first served. A task that fails
 * frees its place like one that succeeds.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    // The finishing task hands its place over directly, so `running` never dips for a newcomer to jump the queue.
    else await new Promise<void>((start) => this.waiting.push(start));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
