import { ChatPublicationOrder } from './publication-order';

it("holds a chat's committed messages while an earlier write to it runs, then publishes them in seq order", async () => {
  const order = new ChatPublicationOrder();
  const published: string[] = [];
  const change = order.begin(['chat-a']);
  const batch = order.begin(['chat-a', 'chat-b']);
  batch.add('chat-a', 7, () => published.push('a7'));
  batch.add('chat-b', 3, () => published.push('b3'));
  const batchDone = batch.end();
  await new Promise((resolve) => setImmediate(resolve));
  expect(published).toEqual(['b3']);

  change.add('chat-a', 6, () => published.push('a6'));
  await Promise.all([change.end(), batchDone]);
  expect(published).toEqual(['b3', 'a6', 'a7']);
});

it('does not hold a write up for one that began after it ended', async () => {
  const order = new ChatPublicationOrder();
  const published: number[] = [];
  const first = order.begin(['chat']);
  first.add('chat', 1, () => published.push(1));
  await first.end();
  const later = order.begin(['chat']);
  expect(published).toEqual([1]);
  await later.end();
});

it("tells a write that its publication failed, and still publishes the others' messages after it", async () => {
  const order = new ChatPublicationOrder();
  const published: number[] = [];
  const failing = order.begin(['chat']);
  const other = order.begin(['chat']);
  failing.add('chat', 1, async () => {
    throw new Error('database away');
  });
  other.add('chat', 2, () => published.push(2));
  const otherDone = other.end();
  await expect(failing.end()).rejects.toThrow('database away');
  await otherDone;
  expect(published).toEqual([2]);
});

it('refuses a message of a chat the write did not name when it began (its order would not be kept)', () => {
  const order = new ChatPublicationOrder();
  const write = order.begin(['chat-a']);
  expect(() => write.add('chat-b', 1, () => undefined)).toThrow('was not named');
});
