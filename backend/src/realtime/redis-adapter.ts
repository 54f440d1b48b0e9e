import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { RedisDegradation } from '../lib/degraded';
import type { Logger } from '../lib/logger';
import { connectRedis, type RedisClient, type RedisSettings } from '../lib/redis';
import type { MessengerServer } from './socket-server';

export interface AdapterConnections {
  publisher: RedisClient;
  subscriber: RedisClient;
}

/**
 * Fans socket events out across instances through Redis pub/sub, on two connections of their own (subscribers
 * block). Like the commands connection they queue nothing while Redis is away, so a publish fails at once: events
 * then reach only this instance's sockets. The subscriber resubscribes by itself once Redis is back, and fan-out
 * resumes.
 *
 * Which one runs shows in the start-up line ("Redis" or "Redis Cluster", main.ts).
 *
 * One Redis: the classic adapter (PUBLISH/SUBSCRIBE), unchanged: every instance hears every event and delivers it
 * to the sockets it holds. On one Redis sharding would change nothing but the command names, and the classic
 * adapter is the one our two-instance measurements were made with.
 *
 * A Redis Cluster: the sharded adapter (Redis 7 SPUBLISH/SSUBSCRIBE; `subscriptionMode: 'dynamic'`). Classic pub/sub
 * on a cluster copies every message to every node over the cluster bus; sharded pub/sub keeps a channel on the
 * master of its slot. Each instance subscribes to the channel of every room it holds sockets in (`user:<id>`, ...),
 * so an event for one room is published on the shard of that room and reaches only the instances that hold its
 * sockets. An emit to several rooms, `serverSideEmit` (presence, transient batches) and `disconnectSockets` travel
 * on the namespace's main channel, which every instance subscribes to. So on a cluster the publisher emits a logged
 * event to each user room on its own (SocketPublisher's `perRoom`), each on its own shard, although the replay log
 * gives the recipients of one bucket one cursor.
 */
export async function attachRedisAdapter(
  io: MessengerServer,
  settings: RedisSettings,
  logger: Logger,
  degradation: RedisDegradation,
): Promise<AdapterConnections> {
  const sharded = Boolean(settings.REDIS_CLUSTER_NODES);
  const [publisher, subscriber] = await Promise.all([
    connectRedis(settings, logger, 'adapter-publisher'),
    connectRedis(settings, logger, 'adapter-subscriber', { shardedSubscriber: sharded }),
  ]);
  // The adapters neither await nor catch these calls' promises: each one failing would be an unhandled rejection.
  const report = (error: unknown) => degradation.report('fanout', error);
  if (sharded) {
    catchRejections(publisher, ['spublish'], report);
    catchRejections(subscriber, ['ssubscribe', 'sunsubscribe'], report);
    io.adapter(createShardedAdapter(publisher, subscriber, { subscriptionMode: 'dynamic' }));
    return { publisher, subscriber };
  }
  catchRejections(publisher, ['publish'], report);
  catchRejections(subscriber, ['unsubscribe', 'punsubscribe'], report);
  io.adapter(createAdapter(publisher, subscriber));
  return { publisher, subscriber };
}

type Method = 'publish' | 'unsubscribe' | 'punsubscribe' | 'spublish' | 'ssubscribe' | 'sunsubscribe';

/** Makes the named methods of one client report their failures instead of rejecting. */
function catchRejections(client: RedisClient, methods: Method[], report: (error: unknown) => void) {
  for (const method of methods) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(client, {
      [method]: (...args: unknown[]) => original(...args).catch((error: unknown) => report(error)),
    });
  }
}
