import { z } from 'zod';
import { chatSchema, participantSchema } from '../chats';
import { timestampSchema } from '../common';
import { contactRequestSchema, contactSchema } from '../contacts';
import { messageSchema, reactionSchema } from '../messages';

/**
 * How a server → client event travels.
 * - `logged`: a change of state. It is recorded in each recipient's replay log before it goes out, and carries its
 *   `cursor` (none when the log could not take it): a client that missed it gets it from `sync`.
 * - `transient`: current state (presence). Never recorded: a reconnecting client refetches it over REST.
 * - `volatile`: transient, and may also be dropped for a client that is not ready to take it (typing).
 */
export type Delivery = 'logged' | 'transient' | 'volatile';

/** The position of a logged event in its recipient's replay log: what a client passes to `sync`. */
const cursorSchema = z.string();

const logged = <S extends z.ZodRawShape>(shape: S) => ({
  delivery: 'logged' as const,
  payload: z.object(shape).strict(),
  received: z.object({ ...shape, cursor: cursorSchema.optional() }).strict(),
});

const unlogged = <D extends Exclude<Delivery, 'logged'>, S extends z.ZodRawShape>(delivery: D, shape: S) => {
  const payload = z.object(shape).strict();
  return { delivery, payload, received: payload };
};

const receipt = { chatId: z.string(), userId: z.string(), seq: z.number().int() };
/** Watermarks of `userId` in the chat that rose: `delivered`, `read`, or both. */
const changedReceipt = z
  .object({
    chatId: z.string(),
    userId: z.string(),
    delivered: z.number().int().optional(),
    read: z.number().int().optional(),
  })
  .strict();
/** `userId` is the typist. */
const typing = { chatId: z.string(), userId: z.string() };
const wentOffline = { userId: z.string(), lastSeenAt: timestampSchema };

/**
 * Server → client: every event the server sends, with the payload a service publishes (`payload`), what a client
 * receives (`received`: the payload, plus `cursor` where logged) and how it travels. Services publish these through
 * the backend's EventPublisher, after their transaction commits.
 */
export const serverEvents = {
  'message:new': logged({ message: messageSchema }),
  'message:edited': logged({ message: messageSchema }),
  /** Deletion also unpins: that message:deleted carries `pinnedAt: null`, with no message:pinned of its own. */
  'message:deleted': logged({ message: messageSchema }),
  /** Pinned or unpinned (`pinnedAt` null): the message as it now is. */
  'message:pinned': logged({ message: messageSchema }),
  /**
   * To the participant a new or edited message newly mentions, after `message:new` / `message:edited` for it. Raises
   * the chat's `mentionCount` while `seq` is past the recipient's read watermark; calls for attention even in a muted
   * chat.
   */
  'mention:new': logged({ chatId: z.string(), messageId: z.string(), seq: z.number().int() }),
  /** The whole new set of reactions on the message. */
  'reaction:updated': logged({ chatId: z.string(), messageId: z.string(), reactions: z.array(reactionSchema) }),
  /** Everything in the chat up to `seq` reached one of `userId`'s devices. */
  'message:delivered': logged(receipt),
  /** Everything in the chat up to `seq` was read by `userId`; also to the reader's own devices. */
  'message:read': logged(receipt),
  /**
   * Instead of `message:delivered` and `message:read`, to sockets that declared `receipts-batch`: every watermark of
   * one receipts write that the recipient would have heard of as those events, in one event (their own reads, others'
   * receipts of the recipient's messages), each chat and reader once.
   */
  'receipts:changed': logged({ receipts: z.array(changedReceipt) }),
  'typing:start': unlogged('volatile', typing),
  'typing:stop': unlogged('volatile', typing),
  'presence:online': unlogged('transient', { userId: z.string() }),
  'presence:offline': unlogged('transient', wentOffline),
  /** Presence changes of the server's last window, coalesced per recipient (sockets that declared `presence-batch`). */
  'presence:changed': unlogged('transient', {
    online: z.array(z.string()),
    offline: z.array(z.object(wentOffline).strict()),
  }),
  /** The chat as this recipient sees it. */
  'chat:created': logged({ chat: chatSchema }),
  'chat:updated': logged({ chat: chatSchema }),
  /**
   * Instead of `chat:updated`, to sockets that declared `membership-delta`, when members come into a group or leave
   * it: only the change, the same for every member. `added`: the new participants, each as the recipient sees them
   * (presence hidden across a block), in the chat's order (after everyone already in it). `removed`: user ids of
   * those who left or were removed. `ownerId`: the owner now (it passes on when the owner leaves); each
   * participant's `role` is `owner` for them and `member` for everyone else. `updatedAt`: the chat's.
   * `membersVersion`: the chat's `membersVersion` this change made; changes made on several instances may arrive out
   * of order, so apply one only onto the chat at `membersVersion - 1`, ignore one not newer than the chat you hold,
   * and fetch the chat when one comes after a gap. The change's system message follows as `message:new`; counts and
   * `lastMessage` move with it as with any message.
   */
  'chat:members': logged({
    chatId: z.string(),
    added: z.array(participantSchema),
    removed: z.array(z.string()),
    ownerId: z.string().nullable(),
    updatedAt: timestampSchema,
    membersVersion: z.number().int(),
  }),
  'chat:removed': logged({ chatId: z.string() }),
  /** To the recipient, and to the sender's devices. */
  'contact:request': logged({ request: contactRequestSchema }),
  /** `contact.user` is the other person. */
  'contact:accepted': logged({ contact: contactSchema }),
  /** A pending request was declined or cancelled, by either side, or removed by a block. */
  'contact:request:removed': logged({ requestId: z.string() }),
  /** `userId` is no longer a contact of the receiving user, whoever removed whom. */
  'contact:removed': logged({ userId: z.string() }),
  /** To the one socket whose access token just expired: answer with `auth:refresh`, or be disconnected. */
  'auth:expired': unlogged('transient', {}),
} as const;

type ServerEvents = typeof serverEvents;
export type ServerEvent = keyof ServerEvents;
/** What a service publishes. */
export type ServerEventPayload<E extends ServerEvent> = z.input<ServerEvents[E]['payload']>;
/** What a client receives: the payload, plus its `cursor` where the event is logged. */
export type ReceivedServerEvent<E extends ServerEvent> = z.output<ServerEvents[E]['received']>;
export type LoggedServerEvent = {
  [E in ServerEvent]: ServerEvents[E]['delivery'] extends 'logged' ? E : never;
}[ServerEvent];

/** Socket.IO's event map of what the server emits and clients listen to. */
export type ServerToClientEvents = { [E in ServerEvent]: (payload: ReceivedServerEvent<E>) => void };

export const isLoggedEvent = (event: ServerEvent): event is LoggedServerEvent =>
  serverEvents[event].delivery === 'logged';

/** One event that `sync` replays, as it was sent live. */
export type ReplayedEvent = {
  [E in LoggedServerEvent]: { event: E; payload: ReceivedServerEvent<E> };
}[LoggedServerEvent];

const replayable = (Object.keys(serverEvents) as ServerEvent[])
  .filter(isLoggedEvent)
  .map((event) => z.object({ event: z.literal(event), payload: serverEvents[event].received }).strict());
export const replayedEventSchema = z.discriminatedUnion(
  'event',
  replayable as [(typeof replayable)[number], ...(typeof replayable)[number][]],
) as unknown as z.ZodType<ReplayedEvent>;
