import type { ServerEvent, ServerEventPayload } from '@messenger/contract';

export type PresenceChanges = ServerEventPayload<'presence:changed'>;

export interface PublishOptions {
  /** The room each user is reached in; every device of the user (`userRoom`) unless a subset is meant (presence). */
  room?: (userId: string) => string;
}

/** One transient event (presence) for some users, in the room each is reached in (see PublishOptions). */
export type TransientDelivery = {
  [E in ServerEvent]: {
    userIds: readonly string[];
    event: E;
    payload: ServerEventPayload<E>;
    room: (userId: string) => string;
  };
}[ServerEvent];

/**
 * Server → client events, typed by the contract's event map (`serverEvents` in @messenger/contract), which also says
 * how each one travels: recorded for replay, or not. Services publish through this after their transaction commits;
 * only realtime/ emits to sockets.
 */
export interface EventPublisher {
  /** Delivers to every connected device of each user, on whichever instance it is connected. */
  toUsers<E extends ServerEvent>(
    userIds: readonly string[],
    event: E,
    payload: ServerEventPayload<E>,
    options?: PublishOptions,
  ): void;
  /**
   * Transient events, each to its own users, told to the other instances in one message rather than one publish
   * each: a presence window holds one event per recipient, thousands when an instance's users come back.
   */
  toEach(deliveries: readonly TransientDelivery[]): void;
  /** Closes the live connections of one signed-out device, on every instance. */
  endSession(sessionId: string): void;
}

export const userRoom = (userId: string) => `user:${userId}`;
/** The handshake feature (`auth.features`) of clients that take `presence:changed` instead of the per-user events. */
export const PRESENCE_BATCH_FEATURE = 'presence-batch';
/** A user's sockets that take presence as batches, and those that still take one event per user. */
export const presenceBatchRoom = (userId: string) => `presence-batch:${userId}`;
export const presencePerUserRoom = (userId: string) => `presence-per-user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
