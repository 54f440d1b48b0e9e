import { z } from 'zod';
import { idOf } from './common';
import { messageSchema } from './messages';

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  chatId: idOf('a chat id').optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, 'is not a cursor from a previous page')
    .transform(Number)
    .optional(),
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

/** Best matches first; `nextCursor` asks for the page after this one. */
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
