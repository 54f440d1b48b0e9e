import { Redis } from 'ioredis';
import type { Logger } from './logger';

/** A connected ioredis client; errors are logged (ioredis reconnects by itself) instead of crashing the process. */
export async function connectRedis(url: string, logger: Logger, role: string): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  client.on('error', (error) => logger.warn({ err: error, role }, 'redis error'));
  await client.connect();
  return client;
}
