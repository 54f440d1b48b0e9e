import { z } from 'zod';

export const adminUserListQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  status: z.enum(['active', 'deactivated']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The username the previous page ended with, as that page's nextCursor gave it. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a cursor from a previous page')
    .optional(),
});
export type AdminUserListQuery = z.infer<typeof adminUserListQuerySchema>;

export const adminUserIdParamSchema = z.object({ id: z.uuid('must be a user id') });

export const adminUserUpdateBodySchema = z.object({ role: z.enum(['admin', 'member']).optional() }).strict();

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a cursor from a previous page')
    .optional(),
});
