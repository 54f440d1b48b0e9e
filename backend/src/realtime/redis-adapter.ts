import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { RedisDegradation } from '../lib/degraded';
import type { Logger } from '../lib/logger';
import type { MessengerServer } from './socket-server';

/**
 * Fans socket events out across instances through Redis pub/sub (two more connections: subscribers block). Like
 * the commands connection they queue nothing while Redis is away, so a publish fails at once: events then reach
 * only this instance's sockets. The subscriber resubscribes by itself once Redis is back, and fan-out resumes.
 */
export async function attachRedisAdapter(
  io: MessengerServer,
  redis: Redis,
  logger: Logger,
  degradation: RedisDegradation,
) {
  const [publisher, subscriber] = [redis.duplicate(), redis.duplicate()] as const;
  for (const client of [publisher, subscriber])
    client.on('error', (error) => logger.warn({ err: error, role: 'adapter' }, 'redis error'));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  // The adapter neither awaits nor catches these calls' promises: each one failing would be an unhandled rejection.
  catchRejections(publisher, ['publish'], (error) => degradation.report('fanout', error));
  catchRejections(subscriber, ['unsubscribe', 'punsubscribe'], (error) => degradation.report('fanout', error));
  io.adapter(createAdapter(publisher, subscriber));
  logger.info('socket.io fan-out through the Redis adapter');
  return [publisher, subscriber];
}

/** Makes the named methods of one client report their failures instead of rejecting. */
function catchRejections(
  client: Redis,
  methods: ('publish' | 'unsubscribe' | 'punsubscribe')[],
  report: (error: unknown) => void,
) {
  for (const method of methods) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(client, {
      [method]: (...args: unknown[]) => original(...args).catch((error: unknown) => report(error)),
    });
  }
}
