import { randomBytes } from 'node:crypto';

export interface LoggedEvent {
  event: string;
  payload: unknown;
}

export type Replay = { events: LoggedEvent[]; cursor: string; hasMore: boolean } | 'expired';

/**
 * What one append did for some of its recipients: recorded the event under `cursor` (the position each of them
 * is sent), or failed with `error` (the event then goes to them without a cursor). One group for every recipient
 * in memory and on one Redis; on a Redis Cluster one per bucket of recipients, whose logs share a hash slot.
 */
export type AppendedGroup =
  { userIds: readonly string[]; cursor: string } | { userIds: readonly string[]; error: unknown };

/** How much one replay may return: at most `maxEvents`, and no more than `maxBytes` of serialized payloads. */
export interface ReplayPage {
  maxEvents: number;
  maxBytes: number;
}

/**
 * The replay log behind `sync {cursor}`: every state-changing event is recorded in each recipient's log, and a
 * cursor names a position in one user's log. A cursor the log cannot answer for (from a restarted single node, a
 * Redis that lost its data, an older format, or older than what the user's capped log still holds) is "expired":
 * the client then refetches by seq from PostgreSQL, the source of truth. Whatever a log lets go of (its caps,
 * expiry, Redis evicting keys under memory pressure) may only ever turn a cursor "expired", never leave a silent
 * gap.
 */
export interface EventLog {
  /** Records one event for its recipients; says under which cursor each recipient got it. Never rejects. */
  append(userIds: readonly string[], event: string, payload: unknown): Promise<AppendedGroup[]>;
  /** The user's cursor of "now": nothing after it has happened yet. */
  current(userId: string): Promise<string>;
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

  async append(userIds: readonly string[], event: string, payload: unknown): Promise<AppendedGroup[]> {
    const recipients = [...new Set(userIds)];
    if (recipients.length === 0) return [];
    const id = ++this.lastId;
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    for (const userId of recipients) {
      const log = this.logOf(userId);
      log.entries.push({ id, event, payload, bytes });
      if (log.entries.length > this.perUser) log.floor = log.entries.shift()?.id ?? log.floor;
      this.logs.set(userId, log);
    }
    const cost = bytes + ENTRY_OVERHEAD_BYTES * recipients.length;
    this.retained.set(id, { bytes: cost, userIds: recipients });
    this.retainedBytes += cost;
    while (this.retainedBytes > this.maxBytes) this.forgetOldest();
    return [{ userIds: recipients, cursor: `${this.epoch}.${id}` }];
  }

  /** One position for every user: the newest event's. */
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
