import {
  CLIENT_FEATURES,
  type ClientFeature,
  type LoggedServerEvent,
  type ServerEvent,
  type ServerEventPayload,
} from '@messenger/contract';

export type PresenceChanges = ServerEventPayload<'presence:changed'>;

/** A logged event as a service builds it. */
export type PublishedEvent = {
  [E in LoggedServerEvent]: { event: E; payload: ServerEventPayload<E> };
}[LoggedServerEvent];

export interface PublishOptions {
  /** The room each user is reached in; every device of the user (`userRoom`) unless a subset is meant (presence). */
  room?: (userId: string) => string;
  /**
   * For a logged event that replaces older ones (a feature's): `events`, in its place, to the recipients' sockets
   * in `room` (those that did not declare the feature), sent under the logged event's cursor and not logged
   * themselves, since `sync` turns the logged event into them for such a socket.
   */
  olderClients?: { room: (userId: string) => string; events: readonly PublishedEvent[] };
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
  /**
   * Of `userIds`, those with a device connected, on any instance, that did not declare `feature` in its handshake:
   * who still needs the older event the feature replaces. Where the instances cannot all be asked (Redis away, an
   * instance not answering), every one of `userIds`, so that no older client misses it.
   */
  withoutFeature(feature: ClientFeature, userIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Closes the live connections of one signed-out device, on every instance. */
  endSession(sessionId: string): void;
}

export const userRoom = (userId: string) => `user:${userId}`;
/**
 * A user's sockets that declared `feature` in the handshake (`auth.features`), and those that did not: every socket
 * is in one of the two for each feature, so that an event and the older one it replaces each reach only their own.
 */
export const declaredRoom = (feature: ClientFeature) => (userId: string) => `${feature}:${userId}`;
export const undeclaredRoom = (feature: ClientFeature) => (userId: string) => `without-${feature}:${userId}`;
/** A user's sockets that take presence as batches, and those that still take one event per user. */
export const presenceBatchRoom = declaredRoom(CLIENT_FEATURES.presenceBatch);
export const presencePerUserRoom = undeclaredRoom(CLIENT_FEATURES.presenceBatch);
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
