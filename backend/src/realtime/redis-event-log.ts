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
 * Keys: each user's log lives under the hash tag `{u:<id>}` (`<prefix>{u:<id>}:log`, a Stream, and `:meta`, a hash
 * of `floor` and `last`), so that every script below touches one hash slot per user and runs on a Redis Cluster
 * as on one Redis. Positions are microseconds of the Redis clock (`TIME`), raised past the log's `last` when
 * needed: they grow in every log, and they keep growing when Redis loses its data and starts again, so that a
 * cursor from before such a loss can never name a position of the new log (the log's `floor` is above it).
 *
 * The payload is stored once per append, under the first recipient's tag (`:p:<position>`), with a count of the
 * logs holding it: entries of other recipients name that owner (field `o`). One append covers every recipient on
 * one Redis, so a 300-member group's message is one payload and 300 small entries; on a cluster each recipient's
 * log is in a slot of its own, so each append covers one recipient and the payload is that recipient's copy.
 *
 * Only streams and payloads expire, and so only they may be evicted under `maxmemory-policy volatile-lru`; their
 * loss reads as "expired". The `meta` hash never expires: a log recreated after its stream expired or was evicted
 * starts with the floor at the newest position it had, since everything up to there is gone.
 */
const SHARED_LUA = `
local prefix = ARGV[5]
local function payloadKey(owner, position) return prefix .. '{u:' .. owner .. '}:p:' .. position end
local function positionOf(entryId) return string.match(entryId, '^%d+') end
`;

/**
 * KEYS: log, meta of each recipient (pairs). ARGV: event, payload, cap, retention ms, key prefix, owner, user ids.
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
local cap, ttl, owner = tonumber(ARGV[3]), ARGV[4], ARGV[6]
local payload = payloadKey(owner, id)
redis.call('SET', payload, ARGV[2], 'PX', ttl)
redis.call('SET', payload .. ':refs', #KEYS / 2, 'PX', ttl)
for i = 1, #KEYS / 2 do
  local log, meta, user = KEYS[2 * i - 1], KEYS[2 * i], ARGV[6 + i]
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
 * KEYS: log, meta. ARGV: after (a position), max events, max bytes, user id, key prefix.
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

/** A cursor of this log: `u` and a position. Anything else (an older format, another log's) is expired. */
const CURSOR = /^u(\d{1,16})$/;
const cursorAt = (position: string | number) => `u${position}`;

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
    // On a cluster every user's log is in a slot of its own; one Redis takes all of them in one step.
    const groups = this.redis.isCluster ? recipients.map((userId) => [userId]) : [recipients];
    return Promise.all(groups.map((group) => this.appendTo(group, event, body)));
  }

  async current(userId: string): Promise<string> {
    await this.restartIfLost([userId]);
    return cursorAt((await START_SCRIPT.run(this.redis, [this.metaKey(userId)], ['0'])) as string);
  }

  async since(userId: string, cursor: string, page: ReplayPage) {
    const after = CURSOR.exec(cursor)?.[1];
    if (after === undefined) return 'expired';
    await this.restartIfLost([userId]);
    const reply = (await READ_SCRIPT.run(
      this.redis,
      [this.logKey(userId), this.metaKey(userId)],
      [after, page.maxEvents, page.maxBytes, userId, this.prefix],
    )) as string[];
    if (reply[0] === 'expired') return 'expired';
    const [, position = '', hasMore, ...flat] = reply;
    const events: LoggedEvent[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      events.push({ event: flat[i] ?? '', payload: JSON.parse(flat[i + 1] ?? 'null') as unknown });
    }
    return { events, cursor: cursorAt(position), hasMore: Number(hasMore) === 1 };
  }

  /**
   * One script for users whose logs share a slot (or one Redis). Issued at once when none of them lost an event,
   * so that appends reach Redis in call order; otherwise after their logs restart.
   */
  private async appendTo(userIds: readonly string[], event: string, body: string): Promise<AppendedGroup> {
    try {
      if (userIds.some((userId) => this.lost.has(userId))) await this.restartIfLost(userIds);
      const position = (await APPEND_SCRIPT.run(
        this.redis,
        userIds.flatMap((userId) => [this.logKey(userId), this.metaKey(userId)]),
        [event, body, this.perUser, this.retentionMs, this.prefix, userIds[0] ?? '', ...userIds],
      )) as string;
      return { userIds, cursor: cursorAt(position) };
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
          const restart = START_SCRIPT.run(this.redis, [this.metaKey(userId)], ['1']).then(
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

  private logKey(userId: string): string {
    return `${this.prefix}{u:${userId}}:log`;
  }

  private metaKey(userId: string): string {
    return `${this.prefix}{u:${userId}}:meta`;
  }
}
