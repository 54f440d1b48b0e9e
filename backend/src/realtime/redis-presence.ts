import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisDegradation } from '../lib/degraded';
import { RedisScript } from '../lib/redis-script';
import type { Presence } from './presence';

export interface PresenceChange {
  userId: string;
  online: boolean;
}

/**
 * Counts a user's sockets per instance in a Redis hash; `total` sums only instances whose heartbeat is fresh.
 * KEYS: user hash, this instance's user set, instances zset. ARGV: instance id, delta, now, ttl.
 */
const COUNT_SCRIPT = new RedisScript(`
local after = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if after <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('SREM', KEYS[2], ARGV[5])
else
  redis.call('SADD', KEYS[2], ARGV[5])
end
local total = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  local beat = redis.call('ZSCORE', KEYS[3], fields[i])
  if beat and tonumber(beat) >= tonumber(ARGV[3]) - tonumber(ARGV[4]) then total = total + tonumber(fields[i + 1]) end
end
return total`);

/**
 * Presence across instances: online while any device is connected to any live instance. Each instance heartbeats
 * in Redis; when one stops (a crash), another notices its heartbeat went stale, takes its users' counts away and
 * reports the users who are now offline. `isOnline` answers from a local view that every instance keeps current
 * by telling the others of each change.
 *
 * Without Redis a device's connection or disconnection is neither counted nor told (reported to `degradation`):
 * counts may be off for users whose devices came or went during the outage, until those reconnect.
 */
export class RedisPresence implements Presence {
  readonly instanceId = randomUUID();
  private readonly online = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private onLost: (userIds: string[]) => void = () => undefined;

  constructor(
    private readonly redis: Redis,
    private readonly broadcast: (change: PresenceChange) => void,
    private readonly degradation: RedisDegradation,
    private readonly ttlMs = 30_000,
    private readonly prefix = 'presence',
  ) {}

  isOnline(userId: string): boolean {
    return this.online.has(userId);
  }

  async start(onLost: (userIds: string[]) => void): Promise<void> {
    this.onLost = onLost;
    await this.beat();
    await this.loadView();
    this.timer = setInterval(() => {
      this.beat()
        .then(() => this.sweep())
        .catch((error: unknown) => this.degradation.report('presence', error));
    }, this.ttlMs / 3);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(this.instancesKey, this.instanceId).catch(() => undefined);
  }

  async connected(userId: string): Promise<boolean> {
    const total = await this.countOrReport(userId, 1);
    if (total === 1) this.change({ userId, online: true });
    return total === 1;
  }

  async disconnected(userId: string): Promise<boolean> {
    const total = await this.countOrReport(userId, -1);
    if (total === 0) this.change({ userId, online: false });
    return total === 0;
  }

  /** A change reported by another instance. */
  apply(change: PresenceChange): void {
    if (change.online) this.online.add(change.userId);
    else this.online.delete(change.userId);
  }

  /** Takes over the users of instances whose heartbeat stopped; only one instance wins each dead one. */
  async sweep(): Promise<void> {
    const stale = await this.redis.zrangebyscore(this.instancesKey, 0, Date.now() - this.ttlMs);
    for (const deadInstance of stale) {
      if ((await this.redis.zrem(this.instancesKey, deadInstance)) !== 1) continue;
      const usersKey = `${this.prefix}:instance:${deadInstance}`;
      const userIds = await this.redis.smembers(usersKey);
      await this.redis.del(usersKey);
      const lost: string[] = [];
      for (const userId of userIds) {
        await this.redis.hdel(this.userKey(userId), deadInstance);
        if ((await this.count(userId, 0)) === 0) {
          this.change({ userId, online: false });
          lost.push(userId);
        }
      }
      if (lost.length) this.onLost(lost);
    }
  }

  private change(change: PresenceChange): void {
    this.apply(change);
    this.broadcast(change);
  }

  /** The user's new total, or undefined (no change to tell) when Redis cannot answer. */
  private async countOrReport(userId: string, delta: number): Promise<number | undefined> {
    return this.count(userId, delta).catch((error: unknown) => {
      this.degradation.report('presence', error);
      return undefined;
    });
  }

  private async count(userId: string, delta: number): Promise<number> {
    const keys = [this.userKey(userId), `${this.prefix}:instance:${this.instanceId}`, this.instancesKey];
    return (await COUNT_SCRIPT.run(this.redis, keys, [
      this.instanceId,
      delta,
      Date.now(),
      this.ttlMs,
      userId,
    ])) as number;
  }

  private async beat(): Promise<void> {
    await this.redis.zadd(this.instancesKey, Date.now(), this.instanceId);
  }

  private async loadView(): Promise<void> {
    const live = new Set(await this.redis.zrangebyscore(this.instancesKey, Date.now() - this.ttlMs, '+inf'));
    const stream = this.redis.scanStream({ match: `${this.prefix}:user:*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      for (const key of keys) {
        const counts = await this.redis.hgetall(key);
        if (Object.entries(counts).some(([instance, count]) => live.has(instance) && Number(count) > 0)) {
          this.online.add(key.slice(`${this.prefix}:user:`.length));
        }
      }
    }
  }

  private userKey(userId: string): string {
    return `${this.prefix}:user:${userId}`;
  }

  private get instancesKey(): string {
    return `${this.prefix}:instances`;
  }
}
