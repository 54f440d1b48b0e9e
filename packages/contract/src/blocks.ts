import { z } from 'zod';
import { idParamSchema, timestampSchema } from './common';
import { userSummarySchema } from './users';

/** The blocked-users list is not paged: nobody keeps more than this many blocks in view (the newest are shown). */
export const MAX_LISTED_BLOCKS = 1_000;

export const blockedUserParamSchema = idParamSchema('a user id');

/** Someone the signed-in user blocked (no presence: a block hides it). */
export const blockedUserSchema = userSummarySchema.extend({ blockedAt: timestampSchema }).meta({ id: 'BlockedUser' });

export const blockedUsersResponseSchema = z.object({ users: z.array(blockedUserSchema) }).strict();

export type BlockedUser = z.infer<typeof blockedUserSchema>;
export type BlockedUsersResponse = z.infer<typeof blockedUsersResponseSchema>;
