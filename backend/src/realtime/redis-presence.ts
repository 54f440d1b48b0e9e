import { randomUUID } from 'node:crypto';
import type { RedisDegradation } from '../lib/degraded';
import { primaryNodes, type RedisClient } from '../lib/redis';
import { RedisScript } from '../lib/redis-script';
import type { Presence } from './presence';

export interface PresenceChange {
  userId: string;
  online: boolean;
}

/**
 * Counts a user's sockets per instance in the user's Redis hash, and returns every instance's count.
 * KEYS: the user's hash. ARGV: instance id, delta. One key, so one hash slot: it runs on a Redis Cluster too.
 */
const COUNT_SCRIPT = new RedisScript(`
local after = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if after <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return redis.call('HGETALL', KEYS[1])`);

/**
 * Presence across instances: online while any device is connected to any live instance. Each instance heartbeats
 * in Redis; when one stops (a crash), another notices its heartbeat went stale, takes its users' counts away and
 * reports the users who are now offline. `isOnline` answers from a local view that every instance keeps current
 * by telling the others of each change.
 *
 * Keys: a hash per user (`<prefix>:user:<id>`: a count per instance), a set per instance of the users it counts,
 * and one sorted set of the instances' heartbeats. Each command or script touches one of them, so each runs in one
 * hash slot of a Redis Cluster: a count is the user's hash changed and read at once; the instance's set is told
 * before a count goes up (and after it goes to zero), so that a crash between the two leaves at worst a user in
 * the set with nothing to take away; and a count only counts while its instance's heartbeat is fresh.
 *
 * Without Redis a device's connection or disconnection is neither counted nor told (reported to `degradation`):
 * counts may be off for users whose devices came or went during the outage, until those reconnect.
 */
export class RedisPresence implements Presence {
  readonly instanceId = randomUUID();
  private readonly online = new Set<string>();
  /** Per user, the count under way on this instance (see `count`). */
  private readonly counting = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private onLost: (userIds: string[]) => void = () => undefined;

  constructor(
    private readonly redis: RedisClient,
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

  /**
   * One user's counts on this instance change one at a time: a connection's count going up between another's
   * going to zero and the user leaving the instance's set would leave the user counted but out of the set, and
   * so never taken away after a crash.
   */
  private count(userId: string, delta: number): Promise<number> {
    const next = (this.counting.get(userId) ?? Promise.resolve()).then(() => this.countNow(userId, delta));
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.counting.set(userId, settled);
    void settled.then(() => {
      if (this.counting.get(userId) === settled) this.counting.delete(userId);
    });
    return next;
  }

  private async countNow(userId: string, delta: number): Promise<number> {
    const usersKey = `${this.prefix}:instance:${this.instanceId}`;
    if (delta > 0) await this.redis.sadd(usersKey, userId);
    const fields = (await COUNT_SCRIPT.run(this.redis, [this.userKey(userId)], [this.instanceId, delta])) as string[];
    const counts = new Map<string, number>();
    for (let i = 0; i < fields.length; i += 2) counts.set(fields[i] ?? '', Number(fields[i + 1]));
    if (delta < 0 && !counts.has(this.instanceId)) await this.redis.srem(usersKey, userId);
    if (counts.size === 0) return 0;
    const instances = [...counts.keys()];
    const beats = await this.redis.zmscore(this.instancesKey, ...instances);
    const freshSince = Date.now() - this.ttlMs;
    return instances.reduce((total, instance, index) => {
      const beat = beats[index];
      return beat !== null && beat !== undefined && Number(beat) >= freshSince
        ? total + (counts.get(instance) ?? 0)
        : total;
    }, 0);
  }

  private async beat(): Promise<void> {
    await this.redis.zadd(this.instancesKey, Date.now(), this.instanceId);
  }

  private async loadView(): Promise<void> {
    const live = new Set(await this.redis.zrangebyscore(this.instancesKey, Date.now() - this.ttlMs, '+inf'));
    // On a cluster each master holds some of the users' hashes: every one is scanned.
    for (const node of primaryNodes(this.redis)) {
      const stream = node.scanStream({ match: `${this.prefix}:user:*`, count: 500 });
      for await (const keys of stream as AsyncIterable<string[]>) {
        for (const key of keys) {
          const counts = await node.hgetall(key);
          if (Object.entries(counts).some(([instance, count]) => live.has(instance) && Number(count) > 0)) {
            this.online.add(key.slice(`${this.prefix}:user:`.length));
          }
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
