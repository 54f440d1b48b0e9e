import { startRedisCluster, type TestRedisCluster } from './redis-cluster';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** What several instances share: the machine's one Redis, or a Redis Cluster the test file started. */
export interface SharedRedis {
  /** The backend's settings for it: REDIS_URL or REDIS_CLUSTER_NODES. */
  env: Record<string, string>;
  /** The cluster, when it is one. */
  cluster?: TestRedisCluster;
  stop(): Promise<void>;
}

export type SharedRedisKind = readonly [name: string, start: () => Promise<SharedRedis>];

export const ONE_REDIS: SharedRedisKind = [
  'one Redis',
  () => Promise.resolve({ env: { REDIS_URL }, stop: () => Promise.resolve() }),
];

export const REDIS_CLUSTER: SharedRedisKind = [
  'a Redis Cluster',
  async () => {
    const cluster = await startRedisCluster();
    return { env: { REDIS_CLUSTER_NODES: cluster.nodesSetting }, cluster, stop: () => cluster.stop() };
  },
];

/** Three masters, each with a replica that takes over within about two seconds of its master's crash. */
export const REDIS_CLUSTER_WITH_REPLICAS: SharedRedisKind = [
  'a Redis Cluster with replicas',
  async () => {
    const cluster = await startRedisCluster({ replicasPerMaster: 1, nodeTimeoutMs: 1_000 });
    return { env: { REDIS_CLUSTER_NODES: cluster.nodesSetting }, cluster, stop: () => cluster.stop() };
  },
];

/** For `describe.each`: the multi-instance tests run through both, as deployments may. */
export const SHARED_REDIS_KINDS: readonly SharedRedisKind[] = [ONE_REDIS, REDIS_CLUSTER];
