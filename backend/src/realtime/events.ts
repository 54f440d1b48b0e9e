import type { Chat, Contact, ContactRequest, Message, Reaction } from '@messenger/contract';

/** Server → client events. Services publish these after their transaction commits; only realtime/ emits them. */
export interface ServerToClientEvents {
  'message:new': (payload: { message: Message }) => void;
  'message:edited': (payload: { message: Message }) => void;
  'message:deleted': (payload: { message: Message }) => void;
  'reaction:updated': (payload: { chatId: string; messageId: string; reactions: Reaction[] }) => void;
  'message:delivered': (payload: { chatId: string; userId: string; seq: number }) => void;
  'message:read': (payload: { chatId: string; userId: string; seq: number }) => void;
  'typing:start': (payload: { chatId: string; userId: string }) => void;
  'typing:stop': (payload: { chatId: string; userId: string }) => void;
  'presence:online': (payload: { userId: string }) => void;
  'presence:offline': (payload: { userId: string; lastSeenAt: string }) => void;
  /** Presence changes of the last window, coalesced per recipient (sockets that declared `presence-batch`). */
  'presence:changed': (payload: { online: string[]; offline: { userId: string; lastSeenAt: string }[] }) => void;
  'chat:created': (payload: { chat: Chat }) => void;
  'chat:updated': (payload: { chat: Chat }) => void;
  'chat:removed': (payload: { chatId: string }) => void;
  'contact:request': (payload: { request: ContactRequest }) => void;
  'contact:accepted': (payload: { contact: Contact }) => void;
  /** A pending request was declined or cancelled. */
  'contact:request:removed': (payload: { requestId: string }) => void;
  /** `userId` is no longer a contact of the receiving user (either side removed the other). */
  'contact:removed': (payload: { userId: string }) => void;
}

export type ServerEvent = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];
export type PresenceChanges = ServerEventPayload<'presence:changed'>;

export interface PublishOptions {
  /** Current state rather than a change (presence): not recorded for replay; a reconnecting client refetches it. */
  transient?: boolean;
  /** Also transient, and may be dropped for a client that is not ready (typing). */
  volatile?: boolean;
  /** The room each user is reached in; every device of the user (`userRoom`) unless a subset is meant (presence). */
  room?: (userId: string) => string;
}

export interface EventPublisher {
  /** Delivers to every connected device of each user, on whichever instance it is connected. */
  toUsers<E extends ServerEvent>(
    userIds: readonly string[],
    event: E,
    payload: ServerEventPayload<E>,
    options?: PublishOptions,
  ): void;
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
