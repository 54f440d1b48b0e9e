import { Coalescer } from './coalescer';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A coalescer over "highest number per key" whose writes take `ms` and are recorded. */
function recordingCoalescer(ms: number, maxBatch?: number) {
  const writes: Record<string, number>[] = [];
  let running = 0;
  let overlapped = false;
  const coalescer = new Coalescer<number, string>(
    Math.max,
    async (batch) => {
      overlapped ||= running > 0;
      running++;
      writes.push(Object.fromEntries(batch));
      await later(ms);
      running--;
      return new Map([...batch].filter(([key]) => key !== 'stranger').map(([key, value]) => [key, `${key}@${value}`]));
    },
    maxBatch,
  );
  return { coalescer, writes, overlapped: () => overlapped };
}

it('writes everything that waits in one call, one call at a time, merging each key', async () => {
  const { coalescer, writes, overlapped } = recordingCoalescer(20);
  const first = coalescer.submit('a', 1);
  await later(5); // the first write is under way: what comes now waits for the next one
  const rest = [coalescer.submit('a', 3), coalescer.submit('b', 7), coalescer.submit('a', 2)];

  expect(await first).toBe('a@1');
  expect(await Promise.all(rest)).toEqual(['a@3', 'b@7', 'a@3']);
  expect(writes).toEqual([{ a: 1 }, { a: 3, b: 7 }]);
  expect(overlapped()).toBe(false);
});

it('tells a caller whose key the write returned nothing for, and rejects only the callers of a failed write', async () => {
  const { coalescer } = recordingCoalescer(1);
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
  const { coalescer, writes } = recordingCoalescer(1, 2);
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key, n) => coalescer.submit(key, n)));
  expect(writes.map((batch) => Object.keys(batch))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
});
