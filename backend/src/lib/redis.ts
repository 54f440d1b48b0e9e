import { Redis } from 'ioredis';
import type { Logger } from './logger';

/** A Redis that answers later than this is treated as away: the caller degrades instead of holding a request. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/**
 * A connected ioredis client; errors are logged (ioredis reconnects by itself) instead of crashing the process.
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
export async function connectRedis(url: string, logger: Logger, role: string): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 3,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  client.on('error', (error) => logger.warn({ err: error, role }, 'redis error'));
  await client.connect();
  return client;
}
