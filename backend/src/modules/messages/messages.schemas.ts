import {
  editMessageBodySchema,
  hasSomethingToSend,
  idOf,
  NOTHING_TO_SEND,
  sendMessageFieldsSchema,
} from '@messenger/contract';
import { z } from 'zod';

/** The socket payload carries the chat id that REST carries in the path. */
export const sendMessageEventSchema = sendMessageFieldsSchema
  .extend({ chatId: idOf('a chat id') })
  .strict()
  .refine(hasSomethingToSend, NOTHING_TO_SEND);

export type SendMessageInput = z.infer<typeof sendMessageEventSchema>;

export const editMessageEventSchema = editMessageBodySchema.extend({ messageId: idOf('a message id') }).strict();
export const deleteMessageEventSchema = z.object({ messageId: idOf('a message id') }).strict();
