import { createHash } from 'node:crypto';
import type { RedisClient } from './redis';

/**
 * A Lua script called by its SHA1 (EVALSHA), its body sent again only when Redis answers NOSCRIPT (after a restart
 * or SCRIPT FLUSH): a body of a kilobyte or more then crosses the connection, and is hashed by Redis, once instead
 * of on every call. A call retried with its body after NOSCRIPT may run after calls made later; the scripts here
 * tolerate that, since a Redis that lost its scripts lost their data too. On a cluster the call goes to the master
 * of its keys' slot, which learns the body on its first NOSCRIPT (a promoted replica too).
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: RedisClient, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
