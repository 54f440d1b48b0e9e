import { KeyedSerialQueue } from './serial-queue';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('runs the tasks of one key in queue order, even when an earlier one is slower', async () => {
  const queue = new KeyedSerialQueue();
  const finished: string[] = [];
  await Promise.all([
    queue.run('chat', async () => {
      await later(30);
      finished.push('first');
    }),
    queue.run('chat', async () => {
      finished.push('second');
    }),
    queue.run('chat', async () => {
      await later(5);
      finished.push('third');
    }),
  ]);
  expect(finished).toEqual(['first', 'second', 'third']);
  expect(queue.busyKeys).toBe(0);
});

it('runs different keys side by side, and goes on after a failure', async () => {
  const queue = new KeyedSerialQueue();
  const finished: string[] = [];
  const slow = queue.run('a', async () => {
    await later(30);
    finished.push('a');
  });
  const failing = queue.run('b', () => Promise.reject(new Error('boom')));
  const afterFailure = queue.run('b', async () => {
    finished.push('b');
    return 42;
  });
  await expect(failing).rejects.toThrow('boom');
  expect(await afterFailure).toBe(42);
  await slow;
  expect(finished).toEqual(['b', 'a']);
});
