import { z } from 'zod';

export const MAX_CONTENT_LENGTH = 10_000;
export const PAGE_SIZE = 50;

const seqSchema = z.coerce.number().int().min(0);

export const messageContentSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters`);

export const MAX_ATTACHMENTS = 10;

const sendMessageFields = z.object({
  clientMsgId: z.string().trim().min(1).max(64),
  content: z.string().trim().max(MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters`).optional(),
  replyToId: z.uuid('must be a message id').optional(),
  attachmentIds: z
    .array(z.uuid('must be an attachment id'))
    .max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} images per message`)
    .transform((ids) => [...new Set(ids)])
    .optional(),
});

/** Text, images, or images with a caption: never nothing. */
const hasSomething = (message: { content?: string; attachmentIds?: string[] }) =>
  Boolean(message.content) || Boolean(message.attachmentIds?.length);
const emptyMessage = { message: 'a message needs content or attachmentIds', path: ['content'] };

export const sendMessageBodySchema = sendMessageFields.strict().refine(hasSomething, emptyMessage);

/** The socket payload carries the chat id that REST carries in the path. */
export const sendMessageEventSchema = sendMessageFields
  .extend({ chatId: z.uuid('must be a chat id') })
  .strict()
  .refine(hasSomething, emptyMessage);

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

export type SendMessageInput = z.infer<typeof sendMessageEventSchema>;
export type ListMessagesQuery = z.infer<typeof listMessagesQuerySchema>;

export const messageIdParamSchema = z.object({ id: z.uuid('must be a message id') });

export const editMessageBodySchema = z.object({ content: messageContentSchema }).strict();
export const editMessageEventSchema = editMessageBodySchema
  .extend({ messageId: z.uuid('must be a message id') })
  .strict();
export const deleteMessageEventSchema = z.object({ messageId: z.uuid('must be a message id') }).strict();

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
