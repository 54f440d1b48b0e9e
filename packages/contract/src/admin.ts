import { z } from 'zod';
import { idParamSchema, timestampSchema } from './common';
import { USER_ROLES, USER_STATUSES, userSummarySchema } from './users';

export const adminUserListQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  status: z.enum(USER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a cursor from a previous page')
    .optional()
    .meta({ description: "The previous page's nextCursor" }),
});

export const adminUserIdParamSchema = idParamSchema('a user id');

export const adminUserUpdateBodySchema = z.object({ role: z.enum(USER_ROLES).optional() }).strict();

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a cursor from a previous page')
    .optional(),
});

/** A person as the admin list shows them. */
export const adminUserSchema = userSummarySchema
  .extend({
    role: z.enum(USER_ROLES),
    status: z.enum(USER_STATUSES),
    createdAt: timestampSchema,
    lastSeenAt: timestampSchema.nullable(),
    deactivatedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'AdminUser' });

export const adminUserResponseSchema = z.object({ user: adminUserSchema }).strict();
export const adminUsersResponseSchema = z
  .object({ users: z.array(adminUserSchema), nextCursor: z.string().nullable() })
  .strict();

const auditPartySchema = z.object({ id: z.string().nullable(), label: z.string() }).strict();

/** One entry of the audit log of admin actions, newest first. */
export const auditEntrySchema = z
  .object({
    id: z.string(),
    actor: auditPartySchema.meta({ description: 'id null: the admin command line (label says so)' }),
    action: z.string().meta({ description: 'e.g. user.role, user.deactivate, registration.update' }),
    target: auditPartySchema.nullable(),
    details: z.record(z.string(), z.unknown()).meta({ description: 'What the action changed, by action' }),
    createdAt: timestampSchema,
  })
  .strict()
  .meta({ id: 'AuditEntry' });

export const auditResponseSchema = z
  .object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() })
  .strict();

export type AdminUserListQuery = z.infer<typeof adminUserListQuerySchema>;
export type AdminUser = z.infer<typeof adminUserSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
