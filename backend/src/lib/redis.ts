import { Cluster, Redis } from 'ioredis';
import type { RedisNode } from '../config/redis-nodes';
import type { Logger } from './logger';

/** A Redis that answers later than this is treated as away: the caller degrades instead of holding a request. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/** One Redis or a Redis Cluster: every Redis user of the backend takes either, through the same commands. */
export type RedisClient = Redis | Cluster;

/** Where the instances' shared state lives: REDIS_URL, or REDIS_CLUSTER_NODES (the schema allows one at most). */
export interface RedisSettings {
  REDIS_URL?: string | undefined;
  REDIS_CLUSTER_NODES?: RedisNode[] | undefined;
  REDIS_CLUSTER_PASSWORD?: string | undefined;
}

/** Whether the settings name a shared Redis (one or a cluster); without one the node keeps everything in memory. */
export function redisConfigured(settings: RedisSettings): boolean {
  return Boolean(settings.REDIS_URL ?? settings.REDIS_CLUSTER_NODES);
}

/** How the settings' Redis is described in the start-up line. */
export function describeRedis(settings: RedisSettings): string {
  if (settings.REDIS_CLUSTER_NODES) return 'Redis Cluster';
  return settings.REDIS_URL ? 'Redis' : 'single node';
}

const COMMON_OPTIONS = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 3,
  commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
} as const;

/**
 * A client of the settings' Redis, not yet connected: an ioredis `Redis` for REDIS_URL, an ioredis `Cluster` for
 * REDIS_CLUSTER_NODES (it learns the other nodes and the slots from these, and follows failovers and resharding).
 * `shardedSubscriber` gives the cluster client one subscriber connection per master, which sharded pub/sub
 * (SSUBSCRIBE) needs: a shard channel is served only by the master of its slot.
 */
function createClient(settings: RedisSettings, { shardedSubscriber = false } = {}): RedisClient {
  const nodes = settings.REDIS_CLUSTER_NODES;
  if (nodes) {
    const { enableOfflineQueue, lazyConnect, ...perNode } = COMMON_OPTIONS;
    return new Cluster(nodes, {
      lazyConnect,
      enableOfflineQueue,
      shardedSubscribers: shardedSubscriber,
      redisOptions: { ...perNode, password: settings.REDIS_CLUSTER_PASSWORD },
    });
  }
  if (!settings.REDIS_URL) throw new Error('no Redis configured');
  return new Redis(settings.REDIS_URL, COMMON_OPTIONS);
}

/**
 * A connected client of the settings' Redis (one or a cluster); errors are logged (ioredis reconnects by itself)
 * instead of crashing the process. `role` names the connection in logs and metrics.
 *
 * While disconnected it queues nothing (`enableOfflineQueue: false`): every command fails at once, and its caller
 * degrades (revocation checks and rate limits fail open, the replay log skips the event, presence is not counted,
 * the adapter does not fan out). With ioredis' offline queue each command instead waited for three more reconnect
 * attempts, 0.2 s early in an outage and 6 s later on, holding requests and every live emit of this instance for
 * that long, and then failed all the same. The replay log stays correct without the queue: an append either ran
 * (its event has a cursor) or did not (the event goes out without one; clients catch up by seq). A command
 * already sent when the connection drops is retried once it is back (`maxRetriesPerRequest`), bounded by the
 * timeout for whoever waits for it.
 */
export async function connectRedis(
  settings: RedisSettings,
  logger: Logger,
  role: string,
  options: { shardedSubscriber?: boolean } = {},
): Promise<RedisClient> {
  const client = createClient(settings, options);
  client.on('error', (error) => logger.warn({ err: error, role }, 'redis error'));
  await client.connect();
  return client;
}

/** The master nodes of a cluster, or the one Redis: for what must reach every node (readiness, scans). */
export function primaryNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/**
 * Whether the client's Redis answers: every master of a cluster must, since each serves a share of the keys
 * (a failover promotes a replica, which then counts among the masters).
 */
export async function pingAll(client: RedisClient): Promise<void> {
  const masters = primaryNodes(client);
  if (masters.length === 0) throw new Error('no Redis master is connected');
  await Promise.all(masters.map((node) => node.ping()));
}
