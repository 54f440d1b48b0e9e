/**
 * Replay-log benchmark: appends BENCH_EVENTS message events for BENCH_USERS users to the Redis replay log, the
 * way the server does (appends overlapping, BENCH_IN_FLIGHT at a time), and reports append latency, throughput
 * and the Redis memory the log holds afterwards. Recipients follow a team's mix: 70 % direct chats (2 users),
 * 25 % groups of 10, 5 % groups of 50. The log's per-user cap bounds what is kept; the retention period does not
 * come into a run this short. Run from backend/: `npm run bench:replay-log` (BENCH_REDIS_URL, BENCH_EVENTS,
 * BENCH_USERS, BENCH_PER_USER, BENCH_IN_FLIGHT).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { build } from 'hdr-histogram-js';
import { Redis } from 'ioredis';
import { messagePayload, runBenchmark, timed } from './measure';
import { RedisEventLog } from '../../backend/src/realtime/redis-event-log';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const PER_USER = Number(process.env.BENCH_PER_USER ?? 1_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);

const userIds = Array.from({ length: USERS }, () => randomUUID());

function recipients(): string[] {
  const draw = Math.random();
  const size = draw < 0.7 ? 2 : draw < 0.95 ? 10 : 50;
  const first = Math.floor(Math.random() * USERS);
  return Array.from({ length: Math.min(size, USERS) }, (_, offset) => userIds[(first + offset) % USERS] ?? '');
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const prefix = `bench-replay-${randomBytes(4).toString('hex')}:`;
  const log = new RedisEventLog(redis, prefix, PER_USER);
  const latency = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  try {
    const memoryBefore = await usedMemory(redis);
    let deliveries = 0;
    let next = 0;
    const began = process.hrtime.bigint();
    const appendUntilDone = async () => {
      while (next < EVENTS) {
        const seq = ++next;
        const to = recipients();
        deliveries += to.length;
        await timed(() => log.append(to, 'message:new', messagePayload(seq)), latency);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, appendUntilDone));
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    const held = await usedMemory(redis);

    const ms = (micros: number) => (micros / 1000).toFixed(2);
    console.log(`Redis ${REDIS_URL}, ${USERS} users, per-user cap ${PER_USER}, ${IN_FLIGHT} appends in flight`);
    console.log(`${EVENTS} events, ${deliveries} deliveries (${(deliveries / EVENTS).toFixed(1)} per event)`);
    console.log(`appends/s ${(EVENTS / seconds).toFixed(0)}`);
    console.log(
      `append latency ms: p50 ${ms(latency.getValueAtPercentile(50))}, p99 ${ms(latency.getValueAtPercentile(99))}, max ${ms(latency.maxValue)}`,
    );
    console.log(`Redis memory held by the log: ${((held - memoryBefore) / 2 ** 20).toFixed(1)} MiB`);
  } finally {
    await deleteKeys(redis, `${prefix}*`);
    await redis.quit();
  }
}

runBenchmark(main);
