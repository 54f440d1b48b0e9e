import {
  adminUserIdParamSchema,
  adminUserListQuerySchema,
  adminUserResponseSchema,
  adminUsersResponseSchema,
  adminUserUpdateBodySchema,
  auditQuerySchema,
  auditResponseSchema,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { AdminUsersService } from './admin-users.service';
import type { AuditLog } from './audit-log';

const operation = operationsOf<{ people: AdminUsersService; audit: AuditLog }>();

const ADMINS_ONLY = 'not an active admin';

/** People (roles, deactivation) and the audit log, for admins. */
export const adminUsersOperations = [
  operation({
    method: 'get',
    path: '/api/admin/users',
    tag: 'admin',
    access: 'admin',
    summary: 'People: search by username or display name, filter by status, paged alphabetically',
    query: adminUserListQuerySchema,
    responses: {
      200: { description: 'a page of people', json: adminUsersResponseSchema },
      400: 'invalid query',
      403: ADMINS_ONLY,
    },
    handle: async ({ query }, { people }) => ({ status: 200, body: await people.list(query) }),
  }),
  operation({
    method: 'put',
    path: '/api/admin/users/{id}',
    tag: 'admin',
    access: 'admin',
    summary: 'Make someone an admin or a member again',
    params: adminUserIdParamSchema,
    body: adminUserUpdateBodySchema,
    responses: {
      200: { description: 'the person, changed', json: adminUserResponseSchema },
      400: 'invalid input',
      403: ADMINS_ONLY,
      404: 'no such user',
      409: 'LAST_ADMIN: the last active admin stays one; USER_DEACTIVATED: reactivate before making admin',
    },
    handle: async ({ userId, params, body }, { people }) => {
      const user = body.role
        ? await people.setRole({ adminId: userId }, params.id, body.role)
        : await people.get(params.id);
      return { status: 200, body: { user } };
    },
  }),
  operation({
    method: 'post',
    path: '/api/admin/users/{id}/deactivate',
    tag: 'admin',
    access: 'admin',
    summary: 'Deactivate an account: every session ends at once, groups it owns pass to another member',
    params: adminUserIdParamSchema,
    responses: {
      200: { description: 'the person, deactivated', json: adminUserResponseSchema },
      403: ADMINS_ONLY,
      404: 'no such user',
      409: 'CANNOT_DEACTIVATE_SELF; LAST_ADMIN',
    },
    handle: async ({ userId, params }, { people }) => ({
      status: 200,
      body: { user: await people.deactivate({ adminId: userId }, params.id) },
    }),
  }),
  operation({
    method: 'post',
    path: '/api/admin/users/{id}/reactivate',
    tag: 'admin',
    access: 'admin',
    summary: 'Let a deactivated account sign in again',
    params: adminUserIdParamSchema,
    responses: {
      200: { description: 'the person, active again', json: adminUserResponseSchema },
      403: ADMINS_ONLY,
      404: 'no such user',
    },
    handle: async ({ userId, params }, { people }) => ({
      status: 200,
      body: { user: await people.reactivate({ adminId: userId }, params.id) },
    }),
  }),
  operation({
    method: 'get',
    path: '/api/admin/audit',
    tag: 'admin',
    access: 'admin',
    summary: 'The audit log of admin actions, newest first',
    query: auditQuerySchema,
    responses: {
      200: { description: 'a page of the log', json: auditResponseSchema },
      400: 'invalid query',
      403: ADMINS_ONLY,
    },
    handle: async ({ query }, { audit }) => ({ status: 200, body: await audit.list(query.limit, query.cursor) }),
  }),
];
