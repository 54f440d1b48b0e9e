import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LoggedEvent {
  event: string;
  payload: unknown;
}

export type Replay = { events: LoggedEvent[]; cursor: string; hasMore: boolean } | 'expired';

/**
 * The replay log behind `sync {cursor}`: every state-changing event is recorded for each recipient under one
 * global, increasing id; the cursor `<epoch>.<id>` names a point in it. A cursor from another epoch (a restarted
 * single node, a Redis that lost its data) or older than what a user's capped log still holds is "expired": the
 * client then refetches by seq from PostgreSQL, the source of truth.
 */
export interface EventLog {
  /** Records one event for its recipients and returns its cursor. */
  append(userIds: readonly string[], event: string, payload: unknown): Promise<string>;
  /** The cursor of "now": nothing after it has happened yet. */
  current(): Promise<string>;
  /** The user's events after the cursor, oldest first, at most `limit`. */
  since(userId: string, cursor: string, limit: number): Promise<Replay>;
}

export const DEFAULT_EVENTS_PER_USER = 1_000;

function parseCursor(cursor: string, epoch: string): number | null {
  const [cursorEpoch, position] = cursor.split('.');
  const id = Number(position);
  return cursorEpoch === epoch && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/** Single node: the log lives in this process, and a restart starts a new epoch. */
export class MemoryEventLog implements EventLog {
  private readonly epoch = randomBytes(4).toString('hex');
  private lastId = 0;
  private readonly logs = new Map<string, { floor: number; entries: (LoggedEvent & { id: number })[] }>();

  constructor(private readonly perUser = DEFAULT_EVENTS_PER_USER) {}

  async append(userIds: readonly string[], event: string, payload: unknown): Promise<string> {
    const id = ++this.lastId;
    for (const userId of userIds) {
      const log = this.logs.get(userId) ?? { floor: 0, entries: [] };
      log.entries.push({ id, event, payload });
      if (log.entries.length > this.perUser) log.floor = log.entries.shift()?.id ?? log.floor;
      this.logs.set(userId, log);
    }
    return `${this.epoch}.${id}`;
  }

  async current(): Promise<string> {
    return `${this.epoch}.${this.lastId}`;
  }

  async since(userId: string, cursor: string, limit: number): Promise<Replay> {
    const after = parseCursor(cursor, this.epoch);
    const log = this.logs.get(userId) ?? { floor: 0, entries: [] };
    if (after === null || after > this.lastId || after < log.floor) return 'expired';
    const newer = log.entries.filter((entry) => entry.id > after);
    const page = newer.slice(0, limit);
    return {
      events: page.map(({ event, payload }) => ({ event, payload })),
      cursor: `${this.epoch}.${page.at(-1)?.id ?? this.lastId}`,
      hasMore: newer.length > limit,
    };
  }
}

/**
 * Appends to every recipient's stream atomically under the next global id, trims each stream to its cap and
 * remembers the newest trimmed id as that stream's floor and (without expiry) its newest id, so that a stream that
 * expired is told apart from one that never had events. The payload is stored once, however many recipients (a
 * 300-member group costs 300 small stream entries, not 300 copies), with a count of the streams still holding it:
 * the stream that trims the last reference deletes it, so Redis holds at most `cap` events per user rather than a
 * whole retention period of traffic. KEYS[1] is the id counter, KEYS[2] the epoch.
 */
const APPEND_SCRIPT = `
redis.call('SET', KEYS[2], ARGV[5], 'NX')
local id = redis.call('INCR', KEYS[1])
local cap = tonumber(ARGV[3])
redis.call('SET', ARGV[6] .. id, ARGV[2], 'PX', ARGV[4])
redis.call('SET', ARGV[6] .. id .. ':refs', #KEYS - 2, 'PX', ARGV[4])
for i = 3, #KEYS do
  local key = KEYS[i]
  redis.call('XADD', key, id .. '-0', 'e', ARGV[1])
  local excess = redis.call('XLEN', key) - cap
  if excess > 0 then
    local dropped = redis.call('XRANGE', key, '-', '+', 'COUNT', excess)
    for _, entry in ipairs(dropped) do
      local payloadKey = ARGV[6] .. string.match(entry[1], '^%d+')
      local refsKey = payloadKey .. ':refs'
      -- The last reference deletes the payload; a count that had expired (and which DECR has just recreated,
      -- without expiry, at -1) goes too.
      if redis.call('DECR', refsKey) <= 0 then redis.call('DEL', payloadKey, refsKey) end
    end
    redis.call('SET', key .. ':floor', dropped[#dropped][1], 'PX', ARGV[4])
    redis.call('XTRIM', key, 'MAXLEN', cap)
  end
  redis.call('PEXPIRE', key, ARGV[4])
  redis.call('SET', key .. ':last', id)
end
return {id, redis.call('GET', KEYS[2])}`;

/**
 * Several instances: per-user Redis Streams, shared by every instance.
 *
 * An append that fails (Redis away) leaves a hole: its event reached only the devices connected at the time, and a
 * replay from an older cursor would skip it without a word. So the next call after one starts a new epoch: every
 * older cursor is then expired, and a device that syncs with one refetches by seq from PostgreSQL instead.
 */
export class RedisEventLog implements EventLog {
  private lostAnEvent = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'events',
    private readonly perUser = DEFAULT_EVENTS_PER_USER,
    private readonly retentionMs = 86_400_000,
  ) {}

  async append(userIds: readonly string[], event: string, payload: unknown): Promise<string> {
    // Checked without awaiting when nothing was lost, so that appends still reach Redis in call order.
    if (this.lostAnEvent) await this.startNewEpoch();
    const keys = [this.idKey, this.epochKey, ...userIds.map((userId) => this.streamKey(userId))];
    try {
      const [id, epoch] = (await this.redis.eval(
        APPEND_SCRIPT,
        keys.length,
        ...keys,
        event,
        JSON.stringify(payload),
        this.perUser,
        this.retentionMs,
        randomBytes(4).toString('hex'),
        this.payloadPrefix,
      )) as [number, string];
      return `${epoch}.${id}`;
    } catch (error) {
      this.lostAnEvent = true;
      throw error;
    }
  }

  async current(): Promise<string> {
    if (this.lostAnEvent) await this.startNewEpoch();
    await this.redis.set(this.epochKey, randomBytes(4).toString('hex'), 'NX');
    const [epoch, id] = await this.redis.mget(this.epochKey, this.idKey);
    return `${epoch}.${Number(id ?? 0)}`;
  }

  async since(userId: string, cursor: string, limit: number): Promise<Replay> {
    if (this.lostAnEvent) await this.startNewEpoch();
    const key = this.streamKey(userId);
    // Read "now" before the stream, so that nothing appended meanwhile is skipped by the returned cursor.
    const [epoch, lastIdText, floorText, newestText] = await this.redis.mget(
      this.epochKey,
      this.idKey,
      `${key}:floor`,
      `${key}:last`,
    );
    const exists = await this.redis.exists(key);
    const after = epoch ? parseCursor(cursor, epoch) : null;
    const lastId = Number(lastIdText ?? 0);
    const floor = floorText ? Number.parseInt(floorText, 10) : 0;
    const expiredUnread = !exists && Number(newestText ?? 0) > (after ?? 0);
    if (after === null || after > lastId || after < floor || expiredUnread) return 'expired';
    const entries = await this.redis.xrange(key, `(${after}-0`, '+', 'COUNT', limit + 1);
    const page = entries.slice(0, limit);
    const payloads = page.length
      ? await this.redis.mget(page.map(([id]) => `${this.payloadPrefix}${Number.parseInt(id, 10)}`))
      : [];
    // A payload past its retention took the event with it.
    if (payloads.some((payload) => payload === null)) return 'expired';
    const lastReturned = page.at(-1)?.[0];
    return {
      events: page.map(([, fields], index) => ({
        event: fields[1] ?? '',
        payload: JSON.parse(payloads[index] ?? 'null') as unknown,
      })),
      cursor: `${epoch}.${lastReturned ? Number.parseInt(lastReturned, 10) : lastId}`,
      hasMore: entries.length > limit,
    };
  }

  private async startNewEpoch(): Promise<void> {
    await this.redis.set(this.epochKey, randomBytes(4).toString('hex'));
    this.lostAnEvent = false;
  }

  private get payloadPrefix(): string {
    return `${this.prefix}:payload:`;
  }

  private get idKey(): string {
    return `${this.prefix}:id`;
  }

  private get epochKey(): string {
    return `${this.prefix}:epoch`;
  }

  private streamKey(userId: string): string {
    return `${this.prefix}:user:${userId}`;
  }
}
