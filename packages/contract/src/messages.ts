import { z } from 'zod';
import { idOf, timestampSchema } from './common';
import { MAX_ATTACHMENTS, MAX_CONTENT_LENGTH } from './limits';
import { attachmentSchema } from './media';
import { userSummarySchema } from './users';

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
    .max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} images per message`)
    .transform((ids) => [...new Set(ids)])
    .optional(),
});

/** Text, images, or images with a caption: never nothing. */
export const hasSomethingToSend = (message: { content?: string; attachmentIds?: string[] }) =>
  Boolean(message.content) || Boolean(message.attachmentIds?.length);
export const NOTHING_TO_SEND = { message: 'a message needs content or attachmentIds', path: ['content'] };

export const editMessageBodySchema = z.object({ content: messageContentSchema }).strict();

export const reactionSchema = z
  .object({ emoji: z.string(), count: z.number().int(), userIds: z.array(z.string()) })
  .strict()
  .meta({ id: 'Reaction' });

export const replyPreviewSchema = z
  .object({ id: z.string(), seq: z.number().int(), sender: userSummarySchema.nullable(), excerpt: z.string() })
  .strict()
  .meta({ id: 'ReplyPreview' });

export const MESSAGE_TYPES = ['text', 'image', 'system'] as const;

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
    editedAt: timestampSchema.nullable(),
    deletedAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .strict()
  .meta({ id: 'Message' });

export type Message = z.infer<typeof messageSchema>;
export type Reaction = z.infer<typeof reactionSchema>;
export type ReplyPreview = z.infer<typeof replyPreviewSchema>;
