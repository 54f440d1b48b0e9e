import type { Logger } from '../../lib/logger';
import type { EventPublisher } from '../../realtime/events';
import type { Presence } from '../../realtime/presence';
import type { PresenceRepository } from './presence.repository';

/** A reload or a brief network drop within this window does not make a user blink offline. */
export const OFFLINE_GRACE_MS = 3_000;

/**
 * Online while any device is connected; offline (with "last seen") once the last one has been gone for the grace
 * period. Changes are pushed to the user's contacts and chat partners only.
 */
export class PresenceService {
  private readonly goingOffline = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly tracker: Presence,
    private readonly repository: PresenceRepository,
    private readonly events: EventPublisher,
    private readonly logger: Logger,
    private readonly onOffline: (userId: string) => void,
    private readonly graceMs = OFFLINE_GRACE_MS,
  ) {}

  /** Starts the tracker; users it finds gone with a dead instance go offline like any other. */
  start(): Promise<void> {
    return this.tracker.start((userIds) => {
      for (const userId of userIds) void this.wentOffline(userId);
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.goingOffline.values()) clearTimeout(timer);
    this.goingOffline.clear();
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
    await this.announce(userId, 'presence:online', { userId });
  }

  async disconnected(userId: string): Promise<void> {
    if (!(await this.tracker.disconnected(userId))) return;
    const timer = setTimeout(() => {
      this.goingOffline.delete(userId);
      void this.wentOffline(userId);
    }, this.graceMs);
    timer.unref();
    this.goingOffline.set(userId, timer);
  }

  private async wentOffline(userId: string): Promise<void> {
    if (this.tracker.isOnline(userId)) return;
    const lastSeenAt = new Date();
    this.onOffline(userId);
    try {
      await this.repository.markSeen(userId, lastSeenAt);
      await this.announce(userId, 'presence:offline', { userId, lastSeenAt: lastSeenAt.toISOString() });
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'could not record going offline');
    }
  }

  private async announce(
    userId: string,
    event: 'presence:online' | 'presence:offline',
    payload: { userId: string; lastSeenAt?: string },
  ): Promise<void> {
    const audience = await this.repository.audience(userId);
    if (event === 'presence:online') this.events.toUsers(audience, event, { userId }, { transient: true });
    else {
      const lastSeenAt = payload.lastSeenAt ?? new Date().toISOString();
      this.events.toUsers(audience, event, { userId, lastSeenAt }, { transient: true });
    }
  }
}
