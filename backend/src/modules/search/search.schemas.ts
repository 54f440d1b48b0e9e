import { z } from 'zod';

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  chatId: z.uuid('must be a chat id').optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, 'is not a cursor from a previous page')
    .transform(Number)
    .optional(),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;
