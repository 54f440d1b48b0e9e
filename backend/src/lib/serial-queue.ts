/**
 * Runs tasks one after another per key, in the order they were queued; tasks of different keys run concurrently.
 * A task that fails does not stop the ones queued after it.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget a key once nothing is queued behind this task, so the map holds only busy keys.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with tasks running or queued. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
