interface Waiter<R> {
  resolve(result: R | undefined): void;
  reject(error: unknown): void;
}

interface Pending<V, R> {
  value: V;
  waiters: Waiter<R>[];
}

/**
 * Writes whatever is waiting in one call, one call at a time, merging what arrives for the same key: idle, a
 * request goes out on the next turn of the event loop; under load each write carries every key that arrived
 * during the previous one (as a database's group commit does), so N requests cost far fewer than N writes.
 * Every caller learns the outcome for its key (undefined when the write returned nothing for it).
 */
export class Coalescer<V, R> {
  private pending = new Map<string, Pending<V, R>>();
  private scheduled = false;

  constructor(
    private readonly merge: (a: V, b: V) => V,
    private readonly write: (batch: ReadonlyMap<string, V>) => Promise<ReadonlyMap<string, R>>,
    private readonly maxBatch = 500,
  ) {}

  submit(key: string, value: V): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) {
        waiting.value = this.merge(waiting.value, value);
        waiting.waiters.push({ resolve, reject });
      } else {
        this.pending.set(key, { value, waiters: [{ resolve, reject }] });
      }
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = this.takeBatch();
      try {
        const results = await this.write(new Map([...batch].map(([key, { value }]) => [key, value])));
        for (const [key, { waiters }] of batch) for (const waiter of waiters) waiter.resolve(results.get(key));
      } catch (error) {
        for (const { waiters } of batch.values()) for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.scheduled = false;
  }

  private takeBatch(): Map<string, Pending<V, R>> {
    if (this.pending.size <= this.maxBatch) {
      const batch = this.pending;
      this.pending = new Map();
      return batch;
    }
    const batch = new Map<string, Pending<V, R>>();
    for (const [key, entry] of this.pending) {
      if (batch.size === this.maxBatch) break;
      batch.set(key, entry);
      this.pending.delete(key);
    }
    return batch;
  }
}
