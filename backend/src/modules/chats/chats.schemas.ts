import { z } from 'zod';

export const directChatBodySchema = z.object({ userId: z.uuid('must be a user id') }).strict();
export const chatIdParamSchema = z.object({ id: z.uuid('must be a chat id') });
