interface Waiter<R> {
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Runs one write per key at a time and merges what arrives meanwhile into the next one: a burst of N requests for
 * the same key costs at most two writes, and every caller learns the outcome of the write that covered it.
 */
export class Coalescer<V, R> {
  private readonly slots = new Map<string, { pending?: { value: V; waiters: Waiter<R>[] } }>();

  constructor(
    private readonly merge: (a: V, b: V) => V,
    private readonly write: (key: string, value: V) => Promise<R>,
  ) {}

  submit(key: string, value: V): Promise<R> {
    let waiter!: Waiter<R>;
    const promise = new Promise<R>((resolve, reject) => {
      waiter = { resolve, reject };
    });
    const slot = this.slots.get(key);
    if (slot) {
      slot.pending = slot.pending
        ? { value: this.merge(slot.pending.value, value), waiters: [...slot.pending.waiters, waiter] }
        : { value, waiters: [waiter] };
    } else {
      this.slots.set(key, {});
      void this.drain(key, { value, waiters: [waiter] });
    }
    return promise;
  }

  private async drain(key: string, batch: { value: V; waiters: Waiter<R>[] }): Promise<void> {
    for (let current: typeof batch | undefined = batch; current;) {
      try {
        const result = await this.write(key, current.value);
        for (const waiter of current.waiters) waiter.resolve(result);
      } catch (error) {
        for (const waiter of current.waiters) waiter.reject(error);
      }
      const slot = this.slots.get(key);
      current = slot?.pending;
      if (slot) slot.pending = undefined;
    }
    this.slots.delete(key);
  }
}
