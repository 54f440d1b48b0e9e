import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { MemoryEventLog, RedisEventLog, type EventLog } from './event-log';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let redis: Redis;
const prefixes: string[] = [];
beforeAll(() => {
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

/** Each test gets its own key prefix in the shared Redis, removed afterwards. */
function newPrefix(): string {
  const prefix = `test-events-${randomBytes(4).toString('hex')}`;
  prefixes.push(prefix);
  return prefix;
}

function redisLog(perUser?: number, retentionMs?: number): RedisEventLog {
  return new RedisEventLog(redis, newPrefix(), perUser, retentionMs);
}

describe.each([
  ['in memory', (perUser?: number) => new MemoryEventLog(perUser)],
  ['in Redis', (perUser?: number) => redisLog(perUser)],
])('%s', (_, makeLog: (perUser?: number) => EventLog) => {
  it("replays exactly a user's events after the cursor, oldest first", async () => {
    const log = makeLog();
    const start = await log.current();
    await log.append(['ann', 'bob'], 'message:new', { n: 1 });
    await log.append(['bob'], 'message:new', { n: 2 });
    const third = await log.append(['ann'], 'message:edited', { n: 3 });

    const forAnn = await log.since('ann', start, 100);
    expect(forAnn).toEqual({
      events: [
        { event: 'message:new', payload: { n: 1 } },
        { event: 'message:edited', payload: { n: 3 } },
      ],
      cursor: third,
      hasMore: false,
    });
    const caughtUp = await log.since('ann', third, 100);
    expect(caughtUp).toEqual({ events: [], cursor: third, hasMore: false });
    const forCarol = await log.since('carol', start, 100);
    expect(forCarol).toMatchObject({ events: [], hasMore: false });
  });

  it('pages long gaps with hasMore', async () => {
    const log = makeLog();
    let cursor = await log.current();
    for (let n = 1; n <= 5; n++) await log.append(['ann'], 'message:new', { n });
    const seen: unknown[] = [];
    for (let pages = 0; pages < 10; pages++) {
      const page = await log.since('ann', cursor, 2);
      if (page === 'expired') throw new Error('expired');
      seen.push(...page.events.map((entry) => entry.payload));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
  });

  it('says "expired" for a cursor older than what the capped log holds, or from another epoch', async () => {
    const log = makeLog(3);
    const start = await log.current();
    for (let n = 1; n <= 5; n++) await log.append(['ann'], 'message:new', { n });
    expect(await log.since('ann', start, 100)).toBe('expired');
    expect(await log.since('ann', 'someone-else.1', 100)).toBe('expired');
    expect(await log.since('ann', 'garbage', 100)).toBe('expired');
    const now = await log.current();
    expect(await log.since('ann', now, 100)).toMatchObject({ events: [] });
  });
});

it('in Redis, tells a stream that expired with unread events from one that never had any', async () => {
  const log = redisLog(100, 50);
  const start = await log.current();
  await log.append(['ann'], 'message:new', { n: 1 });
  await log.append(['bob'], 'message:new', { n: 2 });
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(await log.since('ann', start, 100)).toBe('expired');
  expect(await log.since('carol', start, 100)).toMatchObject({ events: [] });
});

it("in Redis, keeps an event's payload while any recipient's capped log holds it, and no longer", async () => {
  const prefix = newPrefix();
  const log = new RedisEventLog(redis, prefix, 2);
  const start = await log.current();
  await log.append(['ann', 'bob'], 'message:new', { n: 1 });
  for (let n = 2; n <= 3; n++) await log.append(['ann'], 'message:new', { n });

  // Ann's log of two has let the first event go; Bob's still replays it.
  expect(await log.since('bob', start, 100)).toMatchObject({ events: [{ payload: { n: 1 } }] });
  for (let n = 4; n <= 5; n++) await log.append(['bob'], 'message:new', { n });
  expect(await log.since('bob', start, 100)).toBe('expired');

  // However long the traffic, Redis holds no more payloads than the two logs of two events reference.
  for (let n = 6; n <= 98; n++) await log.append(n % 3 ? ['ann', 'bob'] : ['bob'], 'message:new', { n });
  const beforeLastTwo = await log.current();
  for (let n = 99; n <= 100; n++) await log.append(['ann', 'bob'], 'message:new', { n });
  const payloads = await redis.keys(`${prefix}:payload:*`);
  expect(payloads.filter((key) => !key.endsWith(':refs')).sort()).toEqual([
    `${prefix}:payload:100`,
    `${prefix}:payload:99`,
  ]);
  for (const user of ['ann', 'bob']) {
    expect(await log.since(user, beforeLastTwo, 100)).toMatchObject({
      events: [{ payload: { n: 99 } }, { payload: { n: 100 } }],
    });
  }
});

describe('in Redis, when an append fails', () => {
  let flaky: Redis;
  beforeEach(async () => {
    // Like the server's connections: nothing is queued while disconnected, so a command fails at once.
    flaky = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    await flaky.connect();
  });
  afterEach(() => flaky.disconnect());

  it('expires every older cursor, so that no device replays past the lost event unaware', async () => {
    const log = new RedisEventLog(flaky, newPrefix());
    const before = await log.append(['ann'], 'message:new', { n: 1 });
    const closed = new Promise((resolve) => flaky.once('end', resolve));
    flaky.disconnect();
    await closed;
    await expect(log.append(['ann'], 'reaction:added', { n: 2 })).rejects.toThrow();
    await flaky.connect();

    const after = await log.append(['ann'], 'message:new', { n: 3 });

    expect(await log.since('ann', before, 100)).toBe('expired');
    expect(await log.since('ann', after, 100)).toEqual({ events: [], cursor: after, hasMore: false });
  });
});
