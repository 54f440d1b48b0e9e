import type { ApiOperation } from '../../http/openapi';
import {
  adminUserIdParamSchema,
  adminUserListQuerySchema,
  adminUserUpdateBodySchema,
  auditQuerySchema,
} from './admin-users.schemas';

const ADMINS_ONLY = 'not an active admin';

/** People (roles, deactivation) and the audit log, for admins; described from the schemas that validate them. */
export const adminUsersOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/admin/users',
    tag: 'admin',
    summary: 'People: search by username or display name, filter by status, paged alphabetically',
    query: adminUserListQuerySchema,
    responses: {
      200: '{users: [user with role, status, createdAt, lastSeenAt, deactivatedAt], nextCursor}',
      400: 'invalid query',
      403: ADMINS_ONLY,
    },
  },
  {
    method: 'put',
    path: '/api/admin/users/{id}',
    tag: 'admin',
    summary: 'Make someone an admin or a member again',
    params: adminUserIdParamSchema,
    body: adminUserUpdateBodySchema,
    responses: {
      200: '{user}',
      400: 'invalid input',
      403: ADMINS_ONLY,
      404: 'no such user',
      409: 'LAST_ADMIN: the last active admin stays one; USER_DEACTIVATED: reactivate before making admin',
    },
  },
  {
    method: 'post',
    path: '/api/admin/users/{id}/deactivate',
    tag: 'admin',
    summary: 'Deactivate an account: every session ends at once, groups it owns pass to another member',
    params: adminUserIdParamSchema,
    responses: {
      200: '{user}',
      403: ADMINS_ONLY,
      404: 'no such user',
      409: 'CANNOT_DEACTIVATE_SELF; LAST_ADMIN',
    },
  },
  {
    method: 'post',
    path: '/api/admin/users/{id}/reactivate',
    tag: 'admin',
    summary: 'Let a deactivated account sign in again',
    params: adminUserIdParamSchema,
    responses: { 200: '{user}', 403: ADMINS_ONLY, 404: 'no such user' },
  },
  {
    method: 'get',
    path: '/api/admin/audit',
    tag: 'admin',
    summary: 'The audit log of admin actions, newest first',
    query: auditQuerySchema,
    responses: {
      200: '{entries: [{id, actor: {id, label}, action, target: {id, label} | null, details, createdAt}], nextCursor}',
      400: 'invalid query',
      403: ADMINS_ONLY,
    },
  },
];
