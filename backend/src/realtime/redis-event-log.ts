import type { RedisClient } from '../lib/redis';
import { RedisScript } from '../lib/redis-script';
import {
  DEFAULT_EVENTS_PER_USER,
  type AppendedGroup,
  type EventLog,
  type LoggedEvent,
  type ReplayPage,
} from './event-log';

/**
 * Keys: each user has a log (`:log`, a Stream) and its `:meta` (a hash of `floor` and `last`). On one Redis they
 * are `<prefix>{u:<id>}:log` and `:meta`. On a Redis Cluster they are `<prefix>{l:<bucket>}:<id>:log` and `:meta`,
 * where the bucket is one of CLUSTER_BUCKETS, a hash of the user id: the logs of a bucket's users share its hash
 * slot, so that one script appends to all of them, while the buckets spread over the masters. Every script below
 * touches one hash slot, and runs on a cluster as on one Redis. The scripts build a user's key names from what
 * comes before and after the id (KEY_START and KEY_END: `<prefix>{u:` and `}:`, or `<prefix>{l:<bucket>}:` and
 * `:`).
 *
 * Positions are microseconds of the Redis clock (`TIME`), raised past the log's `last` when needed: they grow in
 * every log, and they keep growing when Redis loses its data and starts again, so that a cursor from before such
 * a loss can never name a position of the new log (the log's `floor` is above it).
 *
 * The payload is stored once per append, under the first recipient's keys (`:p:<position>`), with a count of the
 * logs holding it: entries of other recipients name that owner (field `o`). One append covers every recipient on
 * one Redis, so a 300-member group's message is one payload and 300 small entries; on a cluster it covers the
 * recipients of one bucket, so the same message is a script and a payload per bucket among its recipients (at most
 * CLUSTER_BUCKETS), and each recipient still has a log, a cap and a TTL of its own.
 *
 * Only streams and payloads expire, and so only they may be evicted under `maxmemory-policy volatile-lru`; their
 * loss reads as "expired". The `meta` hash never expires: a log recreated after its stream expired or was evicted
 * starts with the floor at the newest position it had, since everything up to there is gone.
 */
const SHARED_LUA = `
local keyStart, keyEnd = ARGV[5], ARGV[6]
local function payloadKey(owner, position) return keyStart .. owner .. keyEnd .. 'p:' .. position end
local function positionOf(entryId) return string.match(entryId, '^%d+') end
`;

/**
 * KEYS: log, meta of each recipient (pairs). ARGV: event, payload, cap, retention ms, KEY_START, KEY_END, owner,
 * user ids.
 * Returns the position, the same in every log it was appended to.
 */
const APPEND_SCRIPT = new RedisScript(`${SHARED_LUA}
local time = redis.call('TIME')
local position = tonumber(time[1]) * 1000000 + tonumber(time[2])
for i = 2, #KEYS, 2 do
  local last = tonumber(redis.call('HGET', KEYS[i], 'last'))
  if last and last >= position then position = last + 1 end
end
local id = string.format('%.0f', position)
local cap, ttl, owner = tonumber(ARGV[3]), ARGV[4], ARGV[7]
local payload = payloadKey(owner, id)
redis.call('SET', payload, ARGV[2], 'PX', ttl)
redis.call('SET', payload .. ':refs', #KEYS / 2, 'PX', ttl)
for i = 1, #KEYS / 2 do
  local log, meta, user = KEYS[2 * i - 1], KEYS[2 * i], ARGV[7 + i]
  if redis.call('EXISTS', log) == 0 then
    redis.call('HSET', meta, 'floor', redis.call('HGET', meta, 'last') or id)
  end
  if user == owner then redis.call('XADD', log, id .. '-0', 'e', ARGV[1])
  else redis.call('XADD', log, id .. '-0', 'e', ARGV[1], 'o', owner) end
  local excess = redis.call('XLEN', log) - cap
  if excess > 0 then
    local dropped = redis.call('XRANGE', log, '-', '+', 'COUNT', excess)
    for _, entry in ipairs(dropped) do
      local key = payloadKey(entry[2][4] or user, positionOf(entry[1]))
      -- The last reference deletes the payload; a count that had expired (and which DECR has just recreated,
      -- without expiry, at -1) goes too.
      if redis.call('DECR', key .. ':refs') <= 0 then redis.call('DEL', key, key .. ':refs') end
    end
    redis.call('HSET', meta, 'floor', positionOf(dropped[#dropped][1]))
    redis.call('XTRIM', log, 'MAXLEN', cap)
  end
  redis.call('PEXPIRE', log, ttl)
  redis.call('HSET', meta, 'last', id)
end
return id`);

/**
 * KEYS: log, meta. ARGV: after (a position), max events, max bytes, user id, KEY_START, KEY_END.
 * Returns {'expired'} or {'ok', cursor, hasMore (0/1), event, payload, event, payload, ...}: the events after the
 * position, oldest first, as many as fit (always at least one), read in one step so that nothing expires between
 * the checks and the reads.
 */
const READ_SCRIPT = new RedisScript(`${SHARED_LUA}
local floor, last = unpack(redis.call('HMGET', KEYS[2], 'floor', 'last'))
local after = tonumber(ARGV[1])
if not last or after < tonumber(floor or last) or after > tonumber(last) then return {'expired'} end
if redis.call('EXISTS', KEYS[1]) == 0 then
  if after < tonumber(last) then return {'expired'} end
  return {'ok', last, 0}
end
local maxEvents, maxBytes = tonumber(ARGV[2]), tonumber(ARGV[3])
local entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1] .. '-0', '+', 'COUNT', maxEvents + 1)
local reply = {'ok', last, 0}
local used, taken = 0, 0
for i = 1, math.min(#entries, maxEvents) do
  local entry = entries[i]
  local position = positionOf(entry[1])
  local payload = redis.call('GET', payloadKey(entry[2][4] or ARGV[4], position))
  -- A payload past its retention (or evicted) took the event with it.
  if not payload then return {'expired'} end
  if taken > 0 and used + #payload > maxBytes then break end
  used, taken = used + #payload, taken + 1
  reply[2] = position
  reply[#reply + 1] = entry[2][2]
  reply[#reply + 1] = payload
end
if #entries > taken then reply[3] = 1 end
return reply`);

/**
 * KEYS: meta. ARGV: restart ('1' or '0'). Starts the user's log now (floor and last at a new position) when it has
 * none yet or when told to restart it; returns its last position.
 */
const START_SCRIPT = new RedisScript(`
local last = redis.call('HGET', KEYS[1], 'last')
if last and ARGV[1] == '0' then return last end
local time = redis.call('TIME')
local position = tonumber(time[1]) * 1000000 + tonumber(time[2])
if last and tonumber(last) >= position then position = tonumber(last) + 1 end
local id = string.format('%.0f', position)
redis.call('HSET', KEYS[1], 'floor', id, 'last', id)
return id`);

/**
 * How many buckets a cluster's logs are grouped in: a group message's append costs a script per bucket among its
 * recipients, and the buckets' slots are spread over the masters (so a cluster of more masters than this would
 * leave some without replay logs). Changing it moves users to other buckets: their cursors then expire once.
 */
export const CLUSTER_BUCKETS = 64;

/** A stable hash of the user id (32-bit FNV-1a over its UTF-16 code units): the user's bucket on a cluster. */
export function clusterBucketOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % CLUSTER_BUCKETS;
}

/**
 * Where some users' logs live: a user's keys are `keyStart + id + keyEnd + suffix`, and its cursors are
 * `cursorPrefix` and a position. One place holds every user on one Redis; one per bucket on a cluster.
 */
interface LogPlace {
  keyStart: string;
  keyEnd: string;
  /**
   * `u` on one Redis; `b<bucket>.` on a cluster. A cursor of another prefix (an older format, the per-user layout a
   * cluster had before its buckets, another bucket's, the single-node log's) is expired: positions of different
   * logs come from different masters' clocks and cannot be compared.
   */
  cursorPrefix: string;
}

const POSITION = /^\d{1,16}$/;

/**
 * Several instances: per-user Redis Streams, shared by every instance, on one Redis or a Redis Cluster.
 *
 * An append that fails (Redis, or the shard of some users, away) leaves a hole in its recipients' logs: the event
 * reached only the devices connected at the time, and a replay from an older cursor would skip it without a word.
 * So those users' logs are restarted before anything else touches them here: every older cursor of theirs is then
 * expired, and a device that syncs with one refetches by seq from PostgreSQL instead.
 */
export class RedisEventLog implements EventLog {
  /** Users whose logs missed an append and are not restarted yet, with the restart under way if any. */
  private readonly lost = new Map<string, Promise<void> | undefined>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'events:',
    private readonly perUser = DEFAULT_EVENTS_PER_USER,
    private readonly retentionMs = 86_400_000,
  ) {}

  async append(userIds: readonly string[], event: string, payload: unknown): Promise<AppendedGroup[]> {
    const body = JSON.stringify(payload);
    // Each user once: a second entry at the same position would fail the script, or be replayed twice.
    const recipients = [...new Set(userIds)];
    if (recipients.length === 0) return [];
    // One script per place among the recipients: one for all of them on one Redis, one per bucket on a cluster.
    const byPlace = new Map<string, { place: LogPlace; userIds: string[] }>();
    for (const userId of recipients) {
      const place = this.placeOf(userId);
      const group = byPlace.get(place.cursorPrefix);
      if (group) group.userIds.push(userId);
      else byPlace.set(place.cursorPrefix, { place, userIds: [userId] });
    }
    return Promise.all([...byPlace.values()].map(({ place, userIds }) => this.appendTo(place, userIds, event, body)));
  }

  async current(userId: string): Promise<string> {
    await this.restartIfLost([userId]);
    const place = this.placeOf(userId);
    return place.cursorPrefix + ((await START_SCRIPT.run(this.redis, [this.keyOf(userId, 'meta')], ['0'])) as string);
  }

  async since(userId: string, cursor: string, page: ReplayPage) {
    const place = this.placeOf(userId);
    const after = cursor.startsWith(place.cursorPrefix) ? cursor.slice(place.cursorPrefix.length) : '';
    if (!POSITION.test(after)) return 'expired';
    await this.restartIfLost([userId]);
    const reply = (await READ_SCRIPT.run(
      this.redis,
      [this.keyOf(userId, 'log'), this.keyOf(userId, 'meta')],
      [after, page.maxEvents, page.maxBytes, userId, place.keyStart, place.keyEnd],
    )) as string[];
    if (reply[0] === 'expired') return 'expired';
    const [, position = '', hasMore, ...flat] = reply;
    const events: LoggedEvent[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      events.push({ event: flat[i] ?? '', payload: JSON.parse(flat[i + 1] ?? 'null') as unknown });
    }
    return { events, cursor: place.cursorPrefix + position, hasMore: Number(hasMore) === 1 };
  }

  /**
   * One script for the users of one place (one hash slot). Issued at once when none of them lost an event, so
   * that appends reach Redis in call order; otherwise after their logs restart.
   */
  private async appendTo(
    place: LogPlace,
    userIds: readonly string[],
    event: string,
    body: string,
  ): Promise<AppendedGroup> {
    try {
      if (userIds.some((userId) => this.lost.has(userId))) await this.restartIfLost(userIds);
      const position = (await APPEND_SCRIPT.run(
        this.redis,
        userIds.flatMap((userId) => [this.keyOf(userId, 'log'), this.keyOf(userId, 'meta')]),
        [event, body, this.perUser, this.retentionMs, place.keyStart, place.keyEnd, userIds[0] ?? '', ...userIds],
      )) as string;
      return { userIds, cursor: place.cursorPrefix + position };
    } catch (error) {
      for (const userId of userIds) if (!this.lost.has(userId)) this.lost.set(userId, undefined);
      return { userIds, error };
    }
  }

  /** Restarts the logs of those users that lost an event (one restart per user however many callers wait). */
  private async restartIfLost(userIds: readonly string[]): Promise<void> {
    await Promise.all(
      userIds
        .filter((userId) => this.lost.has(userId))
        .map((userId) => {
          const underWay = this.lost.get(userId);
          if (underWay) return underWay;
          const restart = START_SCRIPT.run(this.redis, [this.keyOf(userId, 'meta')], ['1']).then(
            () => void this.lost.delete(userId),
            (error: unknown) => {
              this.lost.set(userId, undefined);
              throw error;
            },
          );
          this.lost.set(userId, restart);
          return restart;
        }),
    );
  }

  private placeOf(userId: string): LogPlace {
    if (!this.redis.isCluster) return { keyStart: `${this.prefix}{u:`, keyEnd: '}:', cursorPrefix: 'u' };
    const bucket = clusterBucketOf(userId);
    return { keyStart: `${this.prefix}{l:${bucket}}:`, keyEnd: ':', cursorPrefix: `b${bucket}.` };
  }

  private keyOf(userId: string, suffix: 'log' | 'meta'): string {
    const { keyStart, keyEnd } = this.placeOf(userId);
    return keyStart + userId + keyEnd + suffix;
  }
}
