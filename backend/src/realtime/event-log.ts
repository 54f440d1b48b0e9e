import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisScript } from '../lib/redis-script';

export interface LoggedEvent {
  event: string;
  payload: unknown;
}

export type Replay = { events: LoggedEvent[]; cursor: string; hasMore: boolean } | 'expired';

/** How much one replay may return: at most `maxEvents`, and no more than `maxBytes` of serialized payloads. */
export interface ReplayPage {
  maxEvents: number;
  maxBytes: number;
}

/**
 * The replay log behind `sync {cursor}`: every state-changing event is recorded for each recipient under one
 * global, increasing id; the cursor `<epoch>.<id>` names a point in it. A cursor from another epoch (a restarted
 * single node, a Redis that lost its data) or older than what a user's capped log still holds is "expired": the
 * client then refetches by seq from PostgreSQL, the source of truth. Whatever a log lets go of (its caps, expiry,
 * Redis evicting keys under memory pressure) may only ever turn a cursor "expired", never leave a silent gap.
 */
export interface EventLog {
  /** Records one event for its recipients and returns its cursor. */
  append(userIds: readonly string[], event: string, payload: unknown): Promise<string>;
  /** The cursor of "now": nothing after it has happened yet. */
  current(): Promise<string>;
  /** The user's events after the cursor, oldest first, as many as fit the page (always at least one). */
  since(userId: string, cursor: string, page: ReplayPage): Promise<Replay>;
}

export const DEFAULT_EVENTS_PER_USER = 1_000;
/** What the single-node log may hold in all: payloads plus ENTRY_OVERHEAD_BYTES per recipient. */
export const DEFAULT_MEMORY_LOG_BYTES = 64 * 1024 * 1024;
/** A rough cost of one recipient's entry (its object, the id, the references), beside the payload itself. */
const ENTRY_OVERHEAD_BYTES = 100;

function parseCursor(cursor: string, epoch: string): number | null {
  const [cursorEpoch, position] = cursor.split('.');
  const id = Number(position);
  return cursorEpoch === epoch && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/**
 * Admits items of the given sizes while their total stays within `maxBytes`. The first is always admitted, however
 * large, so that every page moves the cursor on.
 */
function byteBudget(maxBytes: number): (bytes: number) => boolean {
  let used = 0;
  let admitted = 0;
  return (bytes) => {
    if (admitted > 0 && used + bytes > maxBytes) return false;
    used += bytes;
    admitted++;
    return true;
  };
}

interface MemoryEntry extends LoggedEvent {
  id: number;
  bytes: number;
}

/**
 * Single node: the log lives in this process, and a restart starts a new epoch. Besides each user's cap, all logs
 * together hold at most `maxBytes`: past it the oldest events go first, from every log that still holds them.
 */
export class MemoryEventLog implements EventLog {
  private readonly epoch = randomBytes(4).toString('hex');
  private lastId = 0;
  private readonly logs = new Map<string, { floor: number; entries: MemoryEntry[] }>();
  /** Every event still counted against `maxBytes`, oldest first, with what it costs and who received it. */
  private readonly retained = new Map<number, { bytes: number; userIds: readonly string[] }>();
  private retainedBytes = 0;
  /**
   * The newest event let go for `maxBytes`. A user whose log emptied is forgotten whole, so for a user without a
   * log anything up to here may be lost: older cursors are expired (at worst a refetch that was not needed).
   */
  private forgottenThrough = 0;

  constructor(
    private readonly perUser = DEFAULT_EVENTS_PER_USER,
    private readonly maxBytes = DEFAULT_MEMORY_LOG_BYTES,
  ) {}

  async append(userIds: readonly string[], event: string, payload: unknown): Promise<string> {
    const id = ++this.lastId;
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    for (const userId of userIds) {
      const log = this.logOf(userId);
      log.entries.push({ id, event, payload, bytes });
      if (log.entries.length > this.perUser) log.floor = log.entries.shift()?.id ?? log.floor;
      this.logs.set(userId, log);
    }
    const cost = bytes + ENTRY_OVERHEAD_BYTES * userIds.length;
    this.retained.set(id, { bytes: cost, userIds: [...userIds] });
    this.retainedBytes += cost;
    while (this.retainedBytes > this.maxBytes) this.forgetOldest();
    return `${this.epoch}.${id}`;
  }

  async current(): Promise<string> {
    return `${this.epoch}.${this.lastId}`;
  }

  async since(userId: string, cursor: string, page: ReplayPage): Promise<Replay> {
    const after = parseCursor(cursor, this.epoch);
    const log = this.logOf(userId);
    if (after === null || after > this.lastId || after < log.floor) return 'expired';
    const newer = log.entries.filter((entry) => entry.id > after);
    const fits = byteBudget(page.maxBytes);
    const taken: MemoryEntry[] = [];
    for (const entry of newer.slice(0, page.maxEvents)) {
      if (!fits(entry.bytes)) break;
      taken.push(entry);
    }
    return {
      events: taken.map(({ event, payload }) => ({ event, payload })),
      cursor: `${this.epoch}.${taken.at(-1)?.id ?? this.lastId}`,
      hasMore: newer.length > taken.length,
    };
  }

  private logOf(userId: string) {
    return this.logs.get(userId) ?? { floor: this.forgottenThrough, entries: [] };
  }

  private forgetOldest(): void {
    const oldest = this.retained.entries().next().value;
    if (!oldest) return;
    const [id, { bytes, userIds }] = oldest;
    this.retained.delete(id);
    this.retainedBytes -= bytes;
    this.forgottenThrough = id;
    for (const userId of userIds) {
      const log = this.logs.get(userId);
      // Logs are oldest first, so the oldest event is at the head of every log that still holds it.
      if (log?.entries[0]?.id !== id) continue;
      log.entries.shift();
      log.floor = id;
      if (log.entries.length === 0) this.logs.delete(userId);
    }
  }
}

/**
 * Appends to every recipient's stream atomically under the next global id, trims each stream to its cap and
 * remembers the newest trimmed id as that stream's floor, and its newest id, so that a stream that expired is told
 * apart from one that never had events. The payload is stored once, however many recipients (a 300-member group
 * costs 300 small stream entries, not 300 copies), with a count of the streams still holding it: the stream that
 * trims the last reference deletes it, so Redis holds at most `cap` events per user rather than a whole retention
 * period of traffic. KEYS[1] is the id counter, KEYS[2] the epoch.
 *
 * Only streams and payloads expire, and so only they may be evicted under `maxmemory-policy volatile-lru`; their
 * loss reads as "expired". The counter, the epoch and each user's floor and newest id never expire, so eviction
 * cannot touch them: a stream recreated after its predecessor expired or was evicted starts with the floor at the
 * newest id it had, since everything up to there is gone.
 */
const APPEND_SCRIPT = new RedisScript(`
redis.call('SET', KEYS[2], ARGV[5], 'NX')
local id = redis.call('INCR', KEYS[1])
local cap = tonumber(ARGV[3])
redis.call('SET', ARGV[6] .. id, ARGV[2], 'PX', ARGV[4])
redis.call('SET', ARGV[6] .. id .. ':refs', #KEYS - 2, 'PX', ARGV[4])
for i = 3, #KEYS do
  local key = KEYS[i]
  if redis.call('EXISTS', key) == 0 then
    local newest = redis.call('GET', key .. ':last')
    if newest then redis.call('SET', key .. ':floor', newest) end
  end
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
    redis.call('SET', key .. ':floor', dropped[#dropped][1])
    redis.call('XTRIM', key, 'MAXLEN', cap)
  end
  redis.call('PEXPIRE', key, ARGV[4])
  redis.call('SET', key .. ':last', id)
end
return {id, redis.call('GET', KEYS[2])}`);

/** Payloads read from Redis per round trip while filling a replay page. */
const PAYLOAD_BATCH = 50;

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
      const [id, epoch] = (await APPEND_SCRIPT.run(this.redis, keys, [
        event,
        JSON.stringify(payload),
        this.perUser,
        this.retentionMs,
        randomBytes(4).toString('hex'),
        this.payloadPrefix,
      ])) as [number, string];
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

  async since(userId: string, cursor: string, page: ReplayPage): Promise<Replay> {
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
    const entries = await this.redis.xrange(key, `(${after}-0`, '+', 'COUNT', page.maxEvents + 1);
    const candidates = entries.slice(0, page.maxEvents);
    const fits = byteBudget(page.maxBytes);
    const events: LoggedEvent[] = [];
    // Payloads are fetched a batch at a time and only until the page is full: a page of large events never
    // makes Redis send the whole of `maxEvents`.
    fill: for (let start = 0; start < candidates.length; start += PAYLOAD_BATCH) {
      const batch = candidates.slice(start, start + PAYLOAD_BATCH);
      const payloads = await this.redis.mget(batch.map(([id]) => `${this.payloadPrefix}${Number.parseInt(id, 10)}`));
      for (const [index, payload] of payloads.entries()) {
        // A payload past its retention (or evicted) took the event with it.
        if (payload === null) return 'expired';
        if (!fits(Buffer.byteLength(payload))) break fill;
        events.push({ event: batch[index]?.[1][1] ?? '', payload: JSON.parse(payload) as unknown });
      }
    }
    const lastReturned = candidates[events.length - 1]?.[0];
    return {
      events,
      cursor: `${epoch}.${lastReturned ? Number.parseInt(lastReturned, 10) : lastId}`,
      hasMore: entries.length > events.length,
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
