import { z } from 'zod';
import { idOf, idParamSchema, timestampSchema } from './common';
import { MAX_ATTACHMENTS, MAX_CONTENT_LENGTH, MAX_MENTIONS } from './limits';
import { attachmentSchema } from './media';
import { userSummarySchema } from './users';

export const PAGE_SIZE = 50;

const seqSchema = z.coerce.number().int().min(0);

export const messageContentSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters`);

/** What a send carries, over REST (the chat in the path) or the socket (the chat in the payload). */
export const sendMessageFieldsSchema = z.object({
  clientMsgId: z.string().trim().min(1).max(64),
  content: z.string().trim().max(MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters`).optional(),
  replyToId: idOf('a message id').optional(),
  attachmentIds: z
    .array(idOf('an attachment id'))
    .max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} attachments per message`)
    .transform((ids) => [...new Set(ids)])
    .optional()
    .meta({
      description: `1–${MAX_ATTACHMENTS} of your own unsent uploads (images or files); \`content\` is their caption`,
    }),
});

/** Text, attachments, or attachments with a caption: never nothing. */
export const hasSomethingToSend = (message: { content?: string; attachmentIds?: string[] }) =>
  Boolean(message.content) || Boolean(message.attachmentIds?.length);
export const NOTHING_TO_SEND = { message: 'a message needs content or attachmentIds', path: ['content'] };

export const sendMessageBodySchema = sendMessageFieldsSchema.strict().refine(hasSomethingToSend, NOTHING_TO_SEND);

export const listMessagesQuerySchema = z
  .object({
    before: seqSchema.optional(),
    after: seqSchema.optional(),
    around: idOf('a message id').optional(),
    limit: z.coerce.number().int().min(1).max(PAGE_SIZE).default(PAGE_SIZE),
  })
  .refine((query) => [query.before, query.after, query.around].filter((v) => v !== undefined).length <= 1, {
    message: 'use at most one of before, after and around',
  });

export const messageIdParamSchema = idParamSchema('a message id');

export const editMessageBodySchema = z.object({ content: messageContentSchema }).strict();

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
/** 0️⃣–9️⃣, #️⃣ and *️⃣: their base is a digit or sign, not a pictograph. */
const KEYCAP = /^[#*0-9]\uFE0F?\u20E3$/u;

/**
 * An emoji in one spelling, so that one emoji is one reaction: a variation selector 16 after a character that shows
 * as emoji anyway changes nothing (`👍️` is `👍`) and is dropped, and a repeated one counts once. What remains is
 * Unicode's fully-qualified form (every emoji of the web app's picker comes out as RGI: backend/tests/emoji.test.ts).
 */
export const normalizeEmoji = (emoji: string): string =>
  emoji.replace(/\uFE0F+/gu, '\uFE0F').replace(/(\p{Emoji_Presentation})\uFE0F/gu, '$1');

/**
 * One emoji: a single grapheme that is pictographic (👍, ❤️, 👩🏽‍💻), a flag (🇺🇦) or a keycap (1️⃣), at most 32
 * UTF-16 units (the longest RGI emoji takes 15); stored in its normalized spelling.
 */
export const emojiSchema = z
  .string()
  .min(1)
  .max(32)
  .refine(
    (value) => [...graphemes.segment(value)].length === 1 && (PICTOGRAPHIC.test(value) || KEYCAP.test(value)),
    'must be a single emoji',
  )
  .transform(normalizeEmoji);

export const reactionBodySchema = z.object({ emoji: emojiSchema }).strict();
export const reactionParamsSchema = z.object({ id: idOf('a message id'), emoji: emojiSchema });

export const reactionSchema = z
  .object({ emoji: z.string(), count: z.number().int(), userIds: z.array(z.string()) })
  .strict()
  .meta({ id: 'Reaction' });

export const replyPreviewSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    sender: userSummarySchema.nullable(),
    excerpt: z.string(),
    mentions: z.array(z.string()).meta({
      description: "The quoted message's own `mentions`, so that a quote highlights them as the message does",
    }),
  })
  .strict()
  .meta({ id: 'ReplyPreview' });

/** `image`: its attachments are all images; `file`: at least one of them is a file. */
export const MESSAGE_TYPES = ['text', 'image', 'file', 'system'] as const;

export const messageSchema = z
  .object({
    id: z.string(),
    chatId: z.string(),
    seq: z.number().int(),
    clientMsgId: z.string().nullable(),
    sender: userSummarySchema
      .nullable()
      .meta({ description: 'null for system messages; no presence (it would go stale in a kept message)' }),
    type: z.enum(MESSAGE_TYPES),
    content: z.string().meta({ description: 'Empty once deleted' }),
    replyTo: replyPreviewSchema.nullable(),
    attachments: z.array(attachmentSchema),
    reactions: z.array(reactionSchema),
    mentions: z.array(z.string()).meta({
      description: `Ids of the participants its \`@username\`s mention (not the sender; empty once deleted; only the first ${MAX_MENTIONS} distinct names count)`,
    }),
    editedAt: timestampSchema.nullable(),
    deletedAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
    pinnedAt: timestampSchema.nullable().meta({ description: 'When a member pinned it; null when not pinned' }),
    pinnedBy: userSummarySchema
      .nullable()
      .meta({ description: 'Who pinned it; null when not pinned (or when that account is gone)' }),
  })
  .strict()
  .meta({ id: 'Message' });

export const messagePageSchema = z
  .object({
    messages: z.array(messageSchema).meta({ description: 'Ascending seq' }),
    hasMoreBefore: z.boolean(),
    hasMoreAfter: z.boolean(),
  })
  .strict();

export const messageResponseSchema = z.object({ message: messageSchema }).strict();
export const reactionsResponseSchema = z.object({ reactions: z.array(reactionSchema) }).strict();

export type Message = z.infer<typeof messageSchema>;
export type Reaction = z.infer<typeof reactionSchema>;
export type ReplyPreview = z.infer<typeof replyPreviewSchema>;
export type MessagePage = z.infer<typeof messagePageSchema>;
export type MessageResponse = z.infer<typeof messageResponseSchema>;
export type ReactionsResponse = z.infer<typeof reactionsResponseSchema>;
export type CreateMessageRequest = z.input<typeof sendMessageBodySchema>;
export type ListMessagesQuery = z.output<typeof listMessagesQuerySchema>;
