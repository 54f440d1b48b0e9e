import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { primaryNodes, type RedisClient } from '../lib/redis';
import { deleteKeys, startRedisCluster, type TestRedisCluster } from '../../tests/helpers/redis-cluster';
import { MemoryEventLog, type AppendedGroup, type EventLog } from './event-log';
import { clusterBucketOf, RedisEventLog } from './redis-event-log';

/** The same tests on the three logs: in memory, on one Redis, and on a Redis Cluster of three masters. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let redis: Redis;
let cluster: TestRedisCluster;
const prefixes: string[] = [];
beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  cluster = await startRedisCluster();
}, 30_000);
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
  await cluster?.stop();
});

/** A page of at most `maxEvents` and, unless given, more bytes than any test writes. */
const page = (maxEvents: number, maxBytes = 10_000_000) => ({ maxEvents, maxBytes });

/** Each test gets its own key prefix in the shared Redis, removed afterwards. */
function newPrefix(): string {
  const prefix = `test-events-${randomBytes(4).toString('hex')}:`;
  prefixes.push(prefix);
  return prefix;
}

/** Every key under the prefix, from every master. */
async function keysOf(client: RedisClient, prefix: string): Promise<string[]> {
  const found = await Promise.all(primaryNodes(client).map((node) => node.keys(`${prefix}*`)));
  return found.flat();
}

/** The cursor an append gave one of its recipients. */
function cursorOf(groups: AppendedGroup[], userId: string): string {
  const group = groups.find((candidate) => candidate.userIds.includes(userId));
  if (!group || !('cursor' in group)) throw new Error(`no cursor for ${userId}`);
  return group.cursor;
}

const redisBackends = [
  ['on one Redis', () => redis],
  ['on a Redis Cluster', () => cluster.client()],
] as const;

const logs: [string, (perUser?: number) => EventLog][] = [
  ['in memory', (perUser) => new MemoryEventLog(perUser)],
  ...redisBackends.map(([name, client]): [string, (perUser?: number) => EventLog] => [
    name,
    (perUser) => new RedisEventLog(client(), newPrefix(), perUser),
  ]),
];

describe.each(logs)('%s', (_, makeLog: (perUser?: number) => EventLog) => {
  it("replays exactly a user's events after the cursor, oldest first", async () => {
    const log = makeLog();
    const [annStart, carolStart] = [await log.current('ann'), await log.current('carol')];
    await log.append(['ann', 'bob'], 'message:new', { n: 1 });
    await log.append(['bob'], 'message:new', { n: 2 });
    const third = cursorOf(await log.append(['ann'], 'message:edited', { n: 3 }), 'ann');

    const forAnn = await log.since('ann', annStart, page(100));
    expect(forAnn).toEqual({
      events: [
        { event: 'message:new', payload: { n: 1 } },
        { event: 'message:edited', payload: { n: 3 } },
      ],
      cursor: third,
      hasMore: false,
    });
    const caughtUp = await log.since('ann', third, page(100));
    expect(caughtUp).toEqual({ events: [], cursor: third, hasMore: false });
    const forCarol = await log.since('carol', carolStart, page(100));
    expect(forCarol).toMatchObject({ events: [], hasMore: false });
  });

  it('gives every recipient the cursor of the event in its own log, and never rejects', async () => {
    const log = makeLog();
    const starts = await Promise.all(['ann', 'bob', 'cid'].map((user) => log.current(user)));
    const groups = await log.append(['ann', 'bob', 'cid'], 'message:new', { n: 1 });
    expect(groups.flatMap((group) => group.userIds).sort()).toEqual(['ann', 'bob', 'cid']);
    for (const [index, user] of ['ann', 'bob', 'cid'].entries()) {
      const replay = await log.since(user, starts[index] ?? '', page(100));
      expect(replay).toEqual({
        events: [{ event: 'message:new', payload: { n: 1 } }],
        cursor: cursorOf(groups, user),
        hasMore: false,
      });
    }
  });

  it('records an event once for a recipient named twice, and nothing for no recipient', async () => {
    const log = makeLog();
    const start = await log.current('ann');
    expect(await log.append([], 'message:new', { n: 0 })).toEqual([]);
    const groups = await log.append(['ann', 'ann'], 'message:new', { n: 1 });
    expect(await log.since('ann', start, page(100))).toEqual({
      events: [{ event: 'message:new', payload: { n: 1 } }],
      cursor: cursorOf(groups, 'ann'),
      hasMore: false,
    });
  });

  it('pages long gaps with hasMore', async () => {
    const log = makeLog();
    let cursor = await log.current('ann');
    for (let n = 1; n <= 5; n++) await log.append(['ann'], 'message:new', { n });
    const seen: unknown[] = [];
    for (let pages = 0; pages < 10; pages++) {
      const replay = await log.since('ann', cursor, page(2));
      if (replay === 'expired') throw new Error('expired');
      seen.push(...replay.events.map((entry) => entry.payload));
      cursor = replay.cursor;
      if (!replay.hasMore) break;
    }
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
  });

  it('caps a page by bytes as well, always returning at least one event, and pages on with hasMore', async () => {
    const log = makeLog();
    let cursor = await log.current('ann');
    const text = 'x'.repeat(400);
    for (let n = 1; n <= 5; n++) await log.append(['ann'], 'message:new', { n, text });
    await log.append(['ann'], 'message:new', { n: 6, text: 'y'.repeat(5_000) });
    const pages: number[][] = [];
    for (let pageCount = 0; pageCount < 10; pageCount++) {
      const replay = await log.since('ann', cursor, page(100, 1_000));
      if (replay === 'expired') throw new Error('expired');
      pages.push(replay.events.map((entry) => (entry.payload as { n: number }).n));
      cursor = replay.cursor;
      if (!replay.hasMore) break;
    }
    // Two ~420-byte payloads fit 1,000 bytes; the 5,000-byte one comes alone rather than never.
    expect(pages).toEqual([[1, 2], [3, 4], [5], [6]]);
  });

  it('says "expired" for a cursor older than what the capped log holds, or not of this log', async () => {
    const log = makeLog(3);
    const start = await log.current('ann');
    for (let n = 1; n <= 5; n++) await log.append(['ann'], 'message:new', { n });
    expect(await log.since('ann', start, page(100))).toBe('expired');
    expect(await log.since('ann', 'someone-else.1', page(100))).toBe('expired');
    expect(await log.since('ann', 'garbage', page(100))).toBe('expired');
    const now = await log.current('ann');
    expect(await log.since('ann', now, page(100))).toMatchObject({ events: [] });
  });
});

describe.each(redisBackends)('%s', (_, client) => {
  it('expires a cursor from before the upgrade (`<epoch>.<id>`, one global counter), so the client refetches', async () => {
    const log = new RedisEventLog(client(), newPrefix());
    await log.current('ann');
    await log.append(['ann'], 'message:new', { n: 1 });
    expect(await log.since('ann', '3f2a9c1d.0', page(100))).toBe('expired');
    expect(await log.since('ann', '3f2a9c1d.12345', page(100))).toBe('expired');
  });

  it('tells a stream that expired with unread events from one that never had any', async () => {
    const log = new RedisEventLog(client(), newPrefix(), 100, 50);
    const [annStart, carolStart] = [await log.current('ann'), await log.current('carol')];
    await log.append(['ann'], 'message:new', { n: 1 });
    await log.append(['bob'], 'message:new', { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await log.since('ann', annStart, page(100))).toBe('expired');
    expect(await log.since('carol', carolStart, page(100))).toMatchObject({ events: [] });
  });

  it("keeps an event's payload while any recipient's capped log holds it, and no longer", async () => {
    const prefix = newPrefix();
    const redisClient = client();
    const log = new RedisEventLog(redisClient, prefix, 2);
    const bobStart = await log.current('bob');
    await log.append(['ann', 'bob'], 'message:new', { n: 1 });
    for (let n = 2; n <= 3; n++) await log.append(['ann'], 'message:new', { n });

    // Ann's log of two has let the first event go; Bob's still replays it.
    expect(await log.since('bob', bobStart, page(100))).toMatchObject({ events: [{ payload: { n: 1 } }] });
    for (let n = 4; n <= 5; n++) await log.append(['bob'], 'message:new', { n });
    expect(await log.since('bob', bobStart, page(100))).toBe('expired');

    // However long the traffic, Redis holds no more payloads than the two logs of two events reference: one per
    // event on one Redis (shared by its recipients), one per bucket of its recipients on a cluster (Ann's and Bob's
    // logs are in two buckets).
    for (let n = 6; n <= 98; n++) await log.append(n % 3 ? ['ann', 'bob'] : ['bob'], 'message:new', { n });
    const beforeLastTwo = { ann: await log.current('ann'), bob: await log.current('bob') };
    for (let n = 99; n <= 100; n++) await log.append(['ann', 'bob'], 'message:new', { n });
    const payloads = (await keysOf(redisClient, prefix)).filter((key) => /:p:\d+$/.test(key));
    expect(clusterBucketOf('ann')).not.toBe(clusterBucketOf('bob'));
    expect(payloads).toHaveLength(redisClient.isCluster ? 4 : 2);
    for (const user of ['ann', 'bob'] as const) {
      expect(await log.since(user, beforeLastTwo[user], page(100))).toMatchObject({
        events: [{ payload: { n: 99 } }, { payload: { n: 100 } }],
      });
    }
  });

  it('losing any key that can expire (as volatile-lru eviction may) forces a refetch, never a silent gap', async () => {
    const prefix = newPrefix();
    const redisClient = client();
    const log = new RedisEventLog(redisClient, prefix, 3);
    const start = { ann: await log.current('ann'), bob: await log.current('bob') };
    for (let n = 1; n <= 5; n++) await log.append(['ann', 'bob'], 'message:new', { n });
    const afterFive = { ann: await log.current('ann'), bob: await log.current('bob') };
    await log.append(['bob'], 'message:new', { n: 6 });

    // Everything with a TTL goes, as under memory pressure; the keys that must survive have none.
    for (const node of primaryNodes(redisClient)) {
      for (const key of await node.keys(`${prefix}*`)) if ((await node.pttl(key)) > 0) await node.del(key);
    }
    expect(await log.since('ann', start.ann, page(100))).toBe('expired');
    expect(await log.since('bob', afterFive.bob, page(100))).toBe('expired');

    // New events recreate the streams: the events lost before them must still count as lost.
    await log.append(['ann', 'bob'], 'message:new', { n: 7 });
    expect(await log.since('ann', start.ann, page(100))).toBe('expired');
    expect(await log.since('bob', afterFive.bob, page(100))).toBe('expired');
    // Ann had read everything before the loss: her cursor still replays exactly what came after.
    expect(await log.since('ann', afterFive.ann, page(100))).toMatchObject({ events: [{ payload: { n: 7 } }] });
  });

  it('expires every cursor when Redis loses all its data, however many events the new log gets', async () => {
    const prefix = newPrefix();
    const redisClient = client();
    const log = new RedisEventLog(redisClient, prefix);
    const before = await log.current('ann');
    for (let n = 1; n <= 3; n++) await log.append(['ann'], 'message:new', { n });
    await deleteKeys(redisClient, `${prefix}*`);
    for (let n = 4; n <= 10; n++) await log.append(['ann'], 'message:new', { n });
    expect(await log.since('ann', before, page(100))).toBe('expired');
  });
});

it('in memory, holds at most its byte budget in all, letting the oldest events go first', async () => {
  const log = new MemoryEventLog(1_000, 20_000);
  const start = await log.current();
  const text = 'x'.repeat(1_000);
  // 1,000 users each with one event of ~1 KB: far more than 20 KB in all.
  for (let n = 1; n <= 998; n++) await log.append([`user-${n}`], 'message:new', { n, text });
  const beforeLastTwo = await log.current();
  for (let n = 999; n <= 1_000; n++) await log.append([`user-${n}`], 'message:new', { n, text });
  const recent = await log.current();
  await log.append(['user-1000'], 'message:new', { n: 1_001, text });

  expect(await log.since('user-1', start, page(100))).toBe('expired');
  expect(await log.since('user-999', beforeLastTwo, page(100))).toMatchObject({ events: [{ payload: { n: 999 } }] });
  expect(await log.since('user-1000', recent, page(100))).toMatchObject({ events: [{ payload: { n: 1_001 } }] });
  // A user never heard of keeps a fresh cursor; an old one may have lost events, so it is expired.
  expect(await log.since('user-new', recent, page(100))).toMatchObject({ events: [] });
  expect(await log.since('user-new', start, page(100))).toBe('expired');
  // The forgotten users' logs are gone, not merely emptied.
  expect((log as unknown as { logs: Map<string, unknown> }).logs.size).toBeLessThan(25);
});

describe.each([
  // Like the server's connections: nothing is queued while disconnected, so a command fails at once.
  ['on one Redis', () => new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false })],
  [
    'on a Redis Cluster',
    () =>
      new Cluster(
        cluster.nodes.map(({ port }) => ({ host: '127.0.0.1', port })),
        { lazyConnect: true, enableOfflineQueue: false },
      ),
  ],
] as const)('%s, when an append fails', (_, connect: () => RedisClient) => {
  let flaky: RedisClient;
  beforeEach(async () => {
    flaky = connect();
    await flaky.connect();
  });
  afterEach(() => flaky.disconnect());

  it('expires every older cursor of its recipients, so that no device replays past the lost event unaware', async () => {
    const log = new RedisEventLog(flaky, newPrefix());
    const before = cursorOf(await log.append(['ann', 'bob'], 'message:new', { n: 1 }), 'ann');
    const closed = new Promise((resolve) => flaky.once('end', resolve));
    flaky.disconnect();
    await closed;
    const failed = await log.append(['ann'], 'reaction:added', { n: 2 });
    expect(failed).toEqual([{ userIds: ['ann'], error: expect.any(Error) }]);
    await flaky.connect();

    const after = cursorOf(await log.append(['ann'], 'message:new', { n: 3 }), 'ann');

    expect(await log.since('ann', before, page(100))).toBe('expired');
    expect(await log.since('ann', after, page(100))).toEqual({ events: [], cursor: after, hasMore: false });
  });
});
