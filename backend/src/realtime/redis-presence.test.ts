import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { deleteKeys, startRedisCluster, type TestRedisCluster } from '../../tests/helpers/redis-cluster';
import { RedisDegradation } from '../lib/degraded';
import { createLogger } from '../lib/logger';
import { Metrics } from '../lib/metrics';
import type { RedisClient } from '../lib/redis';
import { RedisPresence, type PresenceChange } from './redis-presence';

/** The same tests on one Redis and on a Redis Cluster of three masters. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const degradation = new RedisDegradation(new Metrics(), createLogger('silent'));
let single: Redis;
let cluster: TestRedisCluster;
let redis: RedisClient;
let prefix: string;
const started: RedisPresence[] = [];

beforeAll(async () => {
  single = new Redis(REDIS_URL);
  cluster = await startRedisCluster();
}, 30_000);
beforeEach(() => {
  prefix = `test-presence-${randomBytes(4).toString('hex')}`;
});
afterEach(async () => {
  for (const presence of started.splice(0)) await presence.stop();
  await deleteKeys(redis, `${prefix}:*`);
});
afterAll(async () => {
  await single.quit();
  await cluster?.stop();
});

describe.each([
  ['on one Redis', () => single],
  ['on a Redis Cluster', () => cluster.client()],
] as const)('%s', (_, client: () => RedisClient) => {
  beforeEach(() => {
    redis = client();
  });

  function instance(ttlMs = 30_000, heard: PresenceChange[] = []): RedisPresence {
    return new RedisPresence(redis, (change) => heard.push(change), degradation, ttlMs, prefix);
  }

  it('is online while any device is connected to any instance', async () => {
    const heard: PresenceChange[] = [];
    const [a, b] = [instance(30_000, heard), instance(30_000, heard)];
    for (const presence of [a, b]) {
      started.push(presence);
      await presence.start(() => undefined);
    }
    expect(await a.connected('ann')).toBe(true);
    expect(await b.connected('ann')).toBe(false);
    expect(await a.disconnected('ann')).toBe(false);
    expect(await b.disconnected('ann')).toBe(true);
    expect(heard).toEqual([
      { userId: 'ann', online: true },
      { userId: 'ann', online: false },
    ]);
  });

  it('loads who is online when an instance starts, and applies changes other instances report', async () => {
    const a = instance();
    started.push(a);
    await a.start(() => undefined);
    await a.connected('ann');
    const b = instance();
    started.push(b);
    await b.start(() => undefined);
    expect(b.isOnline('ann')).toBe(true);
    b.apply({ userId: 'bob', online: true });
    expect(b.isOnline('bob')).toBe(true);
  });

  it("takes a crashed instance's users offline once its heartbeat is stale", async () => {
    const crashed = instance(200);
    await redis.zadd(`${prefix}:instances`, Date.now(), crashed.instanceId);
    expect(await crashed.connected('ann')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const lost: string[] = [];
    const survivor = instance(200);
    started.push(survivor);
    await survivor.start((userIds) => lost.push(...userIds));
    expect(survivor.isOnline('ann')).toBe(false);
    await survivor.sweep();
    expect(lost).toEqual(['ann']);
    await survivor.sweep();
    expect(lost).toEqual(['ann']);
  });
});
