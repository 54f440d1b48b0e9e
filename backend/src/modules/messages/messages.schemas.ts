import {
  editMessageBodySchema,
  hasSomethingToSend,
  NOTHING_TO_SEND,
  sendMessageFieldsSchema,
  type ParsedClientEventPayload,
} from '@messenger/contract';
import { z } from 'zod';

export const PAGE_SIZE = 50;

const seqSchema = z.coerce.number().int().min(0);

// The send and edit fields are the contract's: the socket events (message:send, message:edit) take them too.
export { editMessageBodySchema };
export const sendMessageBodySchema = sendMessageFieldsSchema.strict().refine(hasSomethingToSend, NOTHING_TO_SEND);

export const listMessagesQuerySchema = z
  .object({
    before: seqSchema.optional(),
    after: seqSchema.optional(),
    around: z.uuid('must be a message id').optional(),
    limit: z.coerce.number().int().min(1).max(PAGE_SIZE).default(PAGE_SIZE),
  })
  .refine((query) => [query.before, query.after, query.around].filter((v) => v !== undefined).length <= 1, {
    message: 'use at most one of before, after and around',
  });

/** A send over either transport: REST adds the chat id from its path. */
export type SendMessageInput = ParsedClientEventPayload<'message:send'>;
export type ListMessagesQuery = z.infer<typeof listMessagesQuerySchema>;

export const messageIdParamSchema = z.object({ id: z.uuid('must be a message id') });

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** One emoji: a single grapheme that is pictographic (👍, ❤️, 👩🏽‍💻) or a flag (🇺🇦). */
export const emojiSchema = z
  .string()
  .min(1)
  .max(32)
  .refine(
    (value) =>
      [...graphemes.segment(value)].length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value),
    'must be a single emoji',
  );

export const reactionBodySchema = z.object({ emoji: emojiSchema }).strict();
export const reactionParamsSchema = z.object({ id: z.uuid('must be a message id'), emoji: emojiSchema });
