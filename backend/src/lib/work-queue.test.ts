import { WorkQueue } from './work-queue';

/** A task that runs until released, reporting when it started. */
function gatedTask(started: number[], id: number) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { task: () => (started.push(id), gate.then(() => id)), release: () => release() };
}

it('runs at most its concurrency at once, the rest in the order they came, even after failures', async () => {
  const queue = new WorkQueue(2);
  const started: number[] = [];
  const tasks = Array.from({ length: 5 }, (_, id) => gatedTask(started, id));
  const failing = queue.run(() => Promise.reject(new Error('broken image')));
  const results = tasks.map(({ task }) => queue.run(task));
  await expect(failing).rejects.toThrow('broken image');
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([0, 1]);

  tasks[1]?.release();
  await results[1];
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([0, 1, 2]);

  for (const { release } of tasks) release();
  expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
  expect(started).toEqual([0, 1, 2, 3, 4]);
});
