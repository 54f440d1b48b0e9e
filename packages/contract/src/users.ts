import { z } from 'zod';
import { timestampSchema } from './common';

/**
 * Who someone is, without their presence: what a message names as its sender. Messages are kept (in the replay log,
 * in every client's history), where a presence snapshot would go stale and reach whoever reads them later.
 */
export const userSummarySchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    deactivated: z
      .literal(true)
      .optional()
      .meta({ description: 'Present (true) only for a deactivated account: its messages stay, marked with it' }),
  })
  .strict()
  .meta({ id: 'UserSummary' });

/**
 * Someone as one viewer sees them. `online` and `lastSeenAt` are shown to the user themselves, their contacts and the
 * people they share a chat with; to anyone else both are null.
 */
export const userSchema = userSummarySchema
  .extend({ online: z.boolean().nullable(), lastSeenAt: timestampSchema.nullable() })
  .meta({ id: 'User' });

export type UserSummary = z.infer<typeof userSummarySchema>;
export type User = z.infer<typeof userSchema>;
