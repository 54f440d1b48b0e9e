import { Redis } from 'ioredis';
import { RedisScript } from './redis-script';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let redis: Redis;
beforeAll(() => {
  redis = new Redis(REDIS_URL);
});
afterAll(() => redis.quit());

it('keeps working after Redis forgot its scripts (a restart, SCRIPT FLUSH), sending the body again', async () => {
  const key = `redis-script-test:${process.pid}:${Date.now()}`;
  const increment = new RedisScript(`return redis.call('INCRBY', KEYS[1], ARGV[1])`);
  expect(await increment.run(redis, [key], [2])).toBe(2);
  await redis.script('FLUSH');
  expect(await increment.run(redis, [key], [3])).toBe(5);
  expect(await increment.run(redis, [key], [4])).toBe(9);
  await redis.del(key);
});

it('passes a script error on, rather than mistaking it for a missing script', async () => {
  const failing = new RedisScript(`return redis.error_reply('ERR nope')`);
  await expect(failing.run(redis, [], [])).rejects.toThrow('nope');
});
