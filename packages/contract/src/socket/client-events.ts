import { z } from 'zod';
import { idOf } from '../common';
import { errorSchema, type ApiError } from '../errors';
import { MAX_RECEIPTS_PER_BATCH } from '../limits';
import {
  editMessageBodySchema,
  hasSomethingToSend,
  messageSchema,
  NOTHING_TO_SEND,
  sendMessageFieldsSchema,
} from '../messages';
import { replayedEventSchema } from './server-events';

/** `message:send`: the socket payload carries the chat id that REST carries in the path. */
export const sendMessageEventSchema = sendMessageFieldsSchema
  .extend({ chatId: idOf('a chat id') })
  .strict()
  .refine(hasSomethingToSend, NOTHING_TO_SEND);
export const editMessageEventSchema = editMessageBodySchema.extend({ messageId: idOf('a message id') }).strict();
export const deleteMessageEventSchema = z.object({ messageId: idOf('a message id') }).strict();

const seqSchema = z.number().int().min(1).max(2_147_483_647);

/** `message:delivered` and `message:read`: everything in the chat up to `seq`. */
export const receiptEventSchema = z.object({ chatId: idOf('a chat id'), seq: seqSchema }).strict();

/**
 * One chat of `receipts:batch`: everything up to `delivered` reached this device, up to `read` was read (reading
 * implies delivery). At least one of the two.
 */
export const batchedReceiptSchema = z
  .object({ chatId: idOf('a chat id'), delivered: seqSchema.optional(), read: seqSchema.optional() })
  .strict()
  .refine((entry) => entry.delivered !== undefined || entry.read !== undefined, {
    message: 'Give delivered, read or both',
  });

/** `receipts:batch`: the receipts of many chats in one event, answered entry by entry. */
export const receiptsBatchEventSchema = z
  .object({ receipts: z.array(batchedReceiptSchema).min(1).max(MAX_RECEIPTS_PER_BATCH) })
  .strict();

export const typingEventSchema = z.object({ chatId: idOf('a chat id') }).strict();

/** `null` on a device's first connection: answers no events, only the current cursor. */
export const syncEventSchema = z.object({ cursor: z.string().max(64).nullable() }).strict();

/** A fresh access token of the socket's own session, in answer to `auth:expired`. */
export const authRefreshEventSchema = z.object({ token: z.string() }).strict();

const messageResultSchema = z.object({ message: messageSchema }).strict();
const noResultSchema = z.object({}).strict();
/** One per entry of the batch, in its order: a chat the sender is not in answers NOT_FOUND, as `message:read` does. */
const receiptsBatchResultSchema = z
  .object({
    results: z.array(
      z.discriminatedUnion('ok', [
        z.object({ ok: z.literal(true) }).strict(),
        z.object({ ok: z.literal(false), error: errorSchema }).strict(),
      ]),
    ),
  })
  .strict();
/** Oldest first; call again with `cursor` while `hasMore`. */
const syncResultSchema = z
  .object({ events: z.array(replayedEventSchema), cursor: z.string(), hasMore: z.boolean() })
  .strict();

/**
 * Client → server: every event a client may send, the schema its payload must pass and what a successful
 * acknowledgement carries besides `ok: true`. Every event is acknowledged, with `{ok: true, ...result}` or
 * `{ok: false, error}`.
 */
export const clientEvents = {
  'message:send': { payload: sendMessageEventSchema, result: messageResultSchema },
  'message:edit': { payload: editMessageEventSchema, result: messageResultSchema },
  'message:delete': { payload: deleteMessageEventSchema, result: messageResultSchema },
  'message:delivered': { payload: receiptEventSchema, result: noResultSchema },
  'message:read': { payload: receiptEventSchema, result: noResultSchema },
  'receipts:batch': { payload: receiptsBatchEventSchema, result: receiptsBatchResultSchema },
  'typing:start': { payload: typingEventSchema, result: noResultSchema },
  'typing:stop': { payload: typingEventSchema, result: noResultSchema },
  sync: { payload: syncEventSchema, result: syncResultSchema },
  'auth:refresh': { payload: authRefreshEventSchema, result: noResultSchema },
} as const satisfies Record<string, { payload: z.ZodType; result: z.ZodObject }>;

type ClientEvents = typeof clientEvents;
export type ClientEvent = keyof ClientEvents;
/** What a client sends. */
export type ClientEventPayload<E extends ClientEvent> = z.input<ClientEvents[E]['payload']>;
/** What the server works with once the payload passed its schema (trimmed, duplicates dropped). */
export type ParsedClientEventPayload<E extends ClientEvent> = z.output<ClientEvents[E]['payload']>;
export type ClientEventResult<E extends ClientEvent> = z.output<ClientEvents[E]['result']>;
/** The acknowledgement of any refused event: a bad payload, a rule, a rate limit, the server's own failure. */
export type RefusedAck = { ok: false; error: ApiError };
export type ClientEventAck<E extends ClientEvent> = ({ ok: true } & ClientEventResult<E>) | RefusedAck;

/** Socket.IO's event map of what clients emit and the server listens to. */
export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: ClientEventPayload<E>, ack: (response: ClientEventAck<E>) => void) => void;
};

const refusedAckSchema = z.object({ ok: z.literal(false), error: errorSchema }).strict();

/** The schema of an event's acknowledgement, either outcome. */
export const clientEventAckSchema = (event: ClientEvent) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), ...clientEvents[event].result.shape }).strict(),
    refusedAckSchema,
  ]);
