import { Coalescer } from './coalescer';

/** A coalescer over "highest number per key" whose writes are recorded and each wait for `gate()`. */
function recordingCoalescer(gate: () => Promise<unknown> = () => Promise.resolve(), maxBatch?: number) {
  const writes: Record<string, number>[] = [];
  let running = 0;
  let overlapped = false;
  const coalescer = new Coalescer<number, string>(
    Math.max,
    async (batch) => {
      overlapped ||= running > 0;
      running++;
      writes.push(Object.fromEntries(batch));
      await gate();
      running--;
      return new Map([...batch].filter(([key]) => key !== 'stranger').map(([key, value]) => [key, `${key}@${value}`]));
    },
    maxBatch,
  );
  return { coalescer, writes, overlapped: () => overlapped };
}

it('writes everything that waits in one call, one call at a time, merging each key', async () => {
  let release: (() => void) | undefined;
  const { coalescer, writes, overlapped } = recordingCoalescer(
    () => new Promise<void>((resolve) => (release = resolve)),
  );
  const first = coalescer.submit('a', 1);
  while (writes.length === 0) await new Promise((resolve) => setImmediate(resolve));
  // The first write is under way: what comes now waits for the next one.
  const rest = [coalescer.submit('a', 3), coalescer.submit('b', 7), coalescer.submit('a', 2)];
  release?.();
  expect(await first).toBe('a@1');
  while (writes.length === 1) await new Promise((resolve) => setImmediate(resolve));
  release?.();

  expect(await Promise.all(rest)).toEqual(['a@3', 'b@7', 'a@3']);
  expect(writes).toEqual([{ a: 1 }, { a: 3, b: 7 }]);
  expect(overlapped()).toBe(false);
});

it('tells a caller whose key the write returned nothing for, and rejects only the callers of a failed write', async () => {
  const { coalescer } = recordingCoalescer();
  expect(await coalescer.submit('stranger', 1)).toBeUndefined();

  let fail = true;
  const flaky = new Coalescer<number, number>(Math.max, async (batch) => {
    if (fail) throw new Error('database down');
    return new Map(batch);
  });
  await expect(flaky.submit('a', 1)).rejects.toThrow('database down');
  fail = false;
  expect(await flaky.submit('a', 2)).toBe(2);
});

it('splits a backlog into writes of at most maxBatch keys', async () => {
  const { coalescer, writes } = recordingCoalescer(undefined, 2);
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key, n) => coalescer.submit(key, n)));
  expect(writes.map((batch) => Object.keys(batch))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
});
