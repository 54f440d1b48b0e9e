import { z } from 'zod';

export const blockedUserParamSchema = z.object({ id: z.uuid('must be a user id') });

/** The blocked-users list is not paged: nobody keeps more than this many blocks in view (the newest are shown). */
export const MAX_LISTED_BLOCKS = 1_000;
