/**
 * What one replay-log append costs by number of recipients (2, 50, 300), four ways: on one Redis with one script
 * for every recipient (as shipped), on one Redis with one script per recipient issued together (pipelined), on a
 * Redis Cluster of three masters with one script per bucket of recipients (as shipped: at most 64), and on the
 * same cluster with one script per recipient (what the cluster did before its buckets: each recipient's log in a
 * slot of its own). Appends one at a time (latency, not throughput) and reports, per event: wall time, this
 * process's CPU (ioredis encoding and parsing) and Redis's CPU (summed over the masters).
 * Run from backend/: `npm run bench:replay-log-groups` (BENCH_REDIS_URL; BENCH_REDIS_CLUSTER_NODES, else a
 * cluster of its own on free loopback ports; BENCH_EVENTS per size).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { messagePayload, runBenchmark } from './measure';
import { primaryNodes, type RedisClient } from '../../backend/src/lib/redis';
import { RedisEventLog } from '../../backend/src/realtime/redis-event-log';
import { startRedisCluster, type TestRedisCluster } from '../../backend/tests/helpers/redis-cluster';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12';
const CLUSTER_NODES = process.env.BENCH_REDIS_CLUSTER_NODES;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const SIZES = [2, 50, 300];

/** A `message:new` payload of the size the server sends for a one-line text message (~600 bytes). */
const payload = messagePayload(1);

/** Redis's own CPU seconds so far, over every master. */
async function redisCpu(client: RedisClient): Promise<number> {
  const infos = await Promise.all(primaryNodes(client).map((node) => node.info('cpu')));
  return infos.reduce((sum, info) => {
    const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
    return sum + seconds('used_cpu_sys') + seconds('used_cpu_user');
  }, 0);
}

async function measure(name: string, client: RedisClient, size: number, perRecipient: boolean): Promise<string> {
  const prefix = `bench-groups-${randomBytes(4).toString('hex')}:`;
  const log = new RedisEventLog(client, prefix);
  const users = Array.from({ length: size }, () => randomUUID());
  const append = () =>
    perRecipient
      ? Promise.all(users.map((user) => log.append([user], 'message:new', payload)))
      : log.append(users, 'message:new', payload);
  for (let warm = 0; warm < 20; warm++) await append();
  const [cpuBefore, redisBefore, began] = [process.cpuUsage(), await redisCpu(client), process.hrtime.bigint()];
  for (let event = 0; event < EVENTS; event++) await append();
  const wallMs = Number(process.hrtime.bigint() - began) / 1e6 / EVENTS;
  const cpu = process.cpuUsage(cpuBefore);
  const nodeMs = (cpu.user + cpu.system) / 1000 / EVENTS;
  const redisMs = (((await redisCpu(client)) - redisBefore) * 1000) / EVENTS;
  for (const node of primaryNodes(client)) {
    // One key per command: a cluster node refuses multi-key commands across slots.
    const pipeline = node.pipeline();
    for (const key of await node.keys(`${prefix}*`)) pipeline.unlink(key);
    await pipeline.exec();
  }
  return `| ${name} | ${size} | ${wallMs.toFixed(2)} ms | ${nodeMs.toFixed(2)} ms | ${redisMs.toFixed(2)} ms |`;
}

async function main(): Promise<void> {
  const single = new Redis(REDIS_URL);
  let ownCluster: TestRedisCluster | undefined;
  if (!CLUSTER_NODES) ownCluster = await startRedisCluster();
  const nodes = (CLUSTER_NODES ?? ownCluster?.nodesSetting ?? '').split(',').map((node) => {
    const [host = '', port = ''] = node.split(':');
    return { host, port: Number(port) };
  });
  const cluster = new Cluster(nodes);
  try {
    console.log(`${EVENTS} appends per row, one at a time; per event:`);
    console.log('| log | recipients | wall | Node CPU | Redis CPU |');
    console.log('| --- | ---------- | ---- | -------- | --------- |');
    for (const size of SIZES) {
      console.log(await measure('one Redis, one script for all', single, size, false));
      console.log(await measure('one Redis, a script per recipient', single, size, true));
      console.log(await measure('Redis Cluster, a script per bucket', cluster, size, false));
      console.log(await measure('Redis Cluster, a script per recipient', cluster, size, true));
    }
  } finally {
    single.disconnect();
    cluster.disconnect();
    await ownCluster?.stop();
  }
}

runBenchmark(main);
