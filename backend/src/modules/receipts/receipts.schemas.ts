import { z } from 'zod';

/** `message:delivered` and `message:read`: everything in the chat up to `seq`. */
export const receiptEventSchema = z
  .object({ chatId: z.uuid('must be a chat id'), seq: z.number().int().min(1).max(2_147_483_647) })
  .strict();
