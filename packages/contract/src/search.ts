import { z } from 'zod';
import { idOf } from './common';
import { messageSchema } from './messages';

export const searchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .optional()
      .meta({ description: 'The words to find; may be left out with `mentions=me`' }),
    mentions: z
      .literal('me', 'must be "me"')
      .optional()
      .meta({ description: 'Only messages that mention you; without `q`, newest first' }),
    chatId: idOf('a chat id').optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z
      .string()
      .regex(/^\d{1,6}$/, 'is not a cursor from a previous page')
      .transform(Number)
      .optional(),
  })
  .refine((query) => query.q !== undefined || query.mentions !== undefined, {
    message: 'is required, unless mentions=me',
    path: ['q'],
  });

/** One piece of a found message's text; `match` marks the words the query found. */
export const highlightSegmentSchema = z.object({ text: z.string(), match: z.boolean() }).strict();

export const searchResultSchema = z
  .object({
    message: messageSchema,
    chat: z.object({ id: z.string(), type: z.enum(['direct', 'group']), name: z.string().nullable() }).strict(),
    highlight: z.array(highlightSegmentSchema),
  })
  .strict()
  .meta({ id: 'SearchResult' });

/** Best matches first (newest first when only mentions are asked for); `nextCursor` asks for the page after this one. */
export const searchResponseSchema = z
  .object({
    results: z.array(searchResultSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int().meta({ description: 'How many messages match in all, over every page' }),
  })
  .strict();

export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type HighlightSegment = z.infer<typeof highlightSegmentSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
export type SearchResponse = z.infer<typeof searchResponseSchema>;
