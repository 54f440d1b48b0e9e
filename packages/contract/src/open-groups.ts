import { z } from 'zod';
import { timestampSchema } from './common';
import { MAX_DISCOVER_QUERY_LENGTH, MAX_DISCOVER_RESULTS } from './limits';
import { userSummarySchema } from './users';

export const discoverQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(MAX_DISCOVER_QUERY_LENGTH, `must be at most ${MAX_DISCOVER_QUERY_LENGTH} characters`)
      .default('')
      .meta({ description: 'Part of the name, any case; empty or absent lists every open group' }),
    limit: z.coerce
      .number('must be a number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_DISCOVER_RESULTS, `must be at most ${MAX_DISCOVER_RESULTS}`)
      .default(20),
  })
  .strict();

/**
 * An open group as someone outside it sees it: what it is and how big, never its members or messages (those come
 * with the Chat once joined).
 */
export const openGroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    memberCount: z.number().int(),
    owner: userSummarySchema.nullable(),
    createdAt: timestampSchema,
  })
  .strict()
  .meta({ id: 'OpenGroup' });

export const discoverResponseSchema = z.object({ chats: z.array(openGroupSchema) }).strict();

export type DiscoverQuery = z.input<typeof discoverQuerySchema>;
export type OpenGroup = z.infer<typeof openGroupSchema>;
export type DiscoverResponse = z.infer<typeof discoverResponseSchema>;
