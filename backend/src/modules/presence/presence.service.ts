import type { Logger } from '../../lib/logger';
import {
  presenceBatchRoom,
  presencePerUserRoom,
  type EventPublisher,
  type PresenceChanges,
  type TransientDelivery,
} from '../../realtime/events';
import type { Presence } from '../../realtime/presence';
import type { PresenceRepository } from './presence.repository';

/** A reload or a brief network drop within this window does not make a user blink offline. */
export const OFFLINE_GRACE_MS = 3_000;

/**
 * Presence changes are collected for this long and then told once per recipient: when an instance's users come
 * back together (a restart), each of their contacts gets one `presence:changed` per window instead of one event per
 * user, which was most of the server's time in a connection storm.
 */
export const PRESENCE_BATCH_MS = 300;

/**
 * A window also ends once this many users changed in it, so that a mass reconnect (many thousands within one
 * window) costs several bounded audience queries and inter-instance messages rather than one unbounded one.
 */
export const PRESENCE_WINDOW_MAX_USERS = 1_000;

/** A user's latest state in the current window (a later change replaces an earlier one): undefined is online. */
type PendingChange = Date | undefined;

/**
 * Online while any device is connected; offline (with "last seen") once the last one has been gone for the grace
 * period. Changes are pushed to the user's contacts and chat partners only.
 */
export class PresenceService {
  private readonly goingOffline = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Map<string, PendingChange>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** Windows are told one after the other, so a later change never overtakes an earlier one. */
  private flushed: Promise<void> = Promise.resolve();

  constructor(
    private readonly tracker: Presence,
    private readonly repository: PresenceRepository,
    private readonly events: EventPublisher,
    private readonly logger: Logger,
    private readonly onOffline: (userId: string) => void,
    private readonly graceMs = OFFLINE_GRACE_MS,
    private readonly batchMs = PRESENCE_BATCH_MS,
    private readonly windowMaxUsers = PRESENCE_WINDOW_MAX_USERS,
  ) {}

  /** Starts the tracker; users it finds gone with a dead instance go offline like any other. */
  start(): Promise<void> {
    return this.tracker.start((userIds) => {
      for (const userId of userIds) this.wentOffline(userId);
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.goingOffline.values()) clearTimeout(timer);
    this.goingOffline.clear();
    // Changes already collected still go out, so that a draining instance's last announcements are not lost.
    this.flush();
    await this.flushed;
    await this.tracker.stop();
  }

  async connected(userId: string): Promise<void> {
    if (!(await this.tracker.connected(userId))) return;
    const pending = this.goingOffline.get(userId);
    if (pending) {
      clearTimeout(pending);
      this.goingOffline.delete(userId);
      return;
    }
    this.announce(userId, undefined);
  }

  async disconnected(userId: string): Promise<void> {
    if (!(await this.tracker.disconnected(userId))) return;
    const timer = setTimeout(() => {
      this.goingOffline.delete(userId);
      this.wentOffline(userId);
    }, this.graceMs);
    timer.unref();
    this.goingOffline.set(userId, timer);
  }

  private wentOffline(userId: string): void {
    if (this.tracker.isOnline(userId)) return;
    this.onOffline(userId);
    this.announce(userId, new Date());
  }

  /**
   * `lastSeenAt` undefined: the user came online. Recorded and told at the end of the window (see
   * PRESENCE_BATCH_MS), with one query for everyone's audience and one write of every "last seen".
   */
  private announce(userId: string, lastSeenAt: PendingChange): void {
    this.pending.set(userId, lastSeenAt);
    if (this.pending.size >= this.windowMaxUsers) this.flush();
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), this.batchMs);
      this.flushTimer.unref();
    }
  }

  /** Ends the window; its changes are told after those of the windows before it. */
  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const window = new Map(this.pending);
    this.pending.clear();
    this.flushed = this.flushed.then(() =>
      this.tell(window).catch((error: unknown) =>
        this.logger.warn({ err: error, users: window.size }, 'could not tell a presence window'),
      ),
    );
  }

  /**
   * Records the window's "last seen" times, then tells each recipient the changes they may see: sockets that take
   * batches get one `presence:changed`, older ones one event per changed user. Only recipients online now are told:
   * one who connects later loads everyone's current presence with their chats and contacts.
   */
  private async tell(window: ReadonlyMap<string, PendingChange>): Promise<void> {
    const lastSeen = new Map([...window].filter((entry): entry is [string, Date] => entry[1] !== undefined));
    await this.repository.markSeen(lastSeen);
    const audiences = await this.repository.audiences([...window.keys()]);
    const perRecipient = new Map<string, PresenceChanges>();
    const deliveries: TransientDelivery[] = [];
    for (const [userId, seen] of window) {
      const lastSeenAt = seen?.toISOString();
      const listening = (audiences.get(userId) ?? []).filter((recipient) => this.tracker.isOnline(recipient));
      deliveries.push(
        lastSeenAt === undefined
          ? { userIds: listening, event: 'presence:online', payload: { userId }, room: presencePerUserRoom }
          : {
              userIds: listening,
              event: 'presence:offline',
              payload: { userId, lastSeenAt },
              room: presencePerUserRoom,
            },
      );
      for (const recipient of listening) {
        let changes = perRecipient.get(recipient);
        if (!changes) perRecipient.set(recipient, (changes = { online: [], offline: [] }));
        if (lastSeenAt === undefined) changes.online.push(userId);
        else changes.offline.push({ userId, lastSeenAt });
      }
    }
    for (const [recipient, changes] of perRecipient)
      deliveries.push({ userIds: [recipient], event: 'presence:changed', payload: changes, room: presenceBatchRoom });
    this.events.toEach(deliveries);
  }
}
