import type { ApiOperation } from '../../http/openapi';
import { createInviteBodySchema, inviteIdParamSchema, settingsBodySchema } from './registration.schemas';

const ADMINS_ONLY = 'not an admin';

/** Who may register: the public mode, the admins' settings and invites. */
export const registrationOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/auth/registration',
    tag: 'auth',
    auth: false,
    summary: 'Who may register now: open, invite or closed',
    responses: { 200: '{registration}' },
  },
  {
    method: 'get',
    path: '/api/admin/settings',
    tag: 'admin',
    summary: 'Instance settings (admins)',
    responses: { 200: '{settings: {registration}}', 403: ADMINS_ONLY },
  },
  {
    method: 'put',
    path: '/api/admin/settings',
    tag: 'admin',
    summary: 'Change who may register (admins; audited)',
    body: settingsBodySchema,
    responses: { 200: '{settings: {registration}}', 400: 'invalid input', 403: ADMINS_ONLY },
  },
  {
    method: 'post',
    path: '/api/admin/invites',
    tag: 'admin',
    summary: 'Create an invite link (admins; audited)',
    body: createInviteBodySchema,
    responses: {
      201: '{invite: {id, code, url, maxUses, uses, expiresAt, createdAt}}',
      400: 'invalid input',
      403: ADMINS_ONLY,
      409: 'too many active invites',
    },
  },
  {
    method: 'get',
    path: '/api/admin/invites',
    tag: 'admin',
    summary: 'The invites that can still be used (admins)',
    responses: { 200: '{invites}', 403: ADMINS_ONLY },
  },
  {
    method: 'delete',
    path: '/api/admin/invites/{id}',
    tag: 'admin',
    summary: 'Revoke an invite (admins; audited)',
    params: inviteIdParamSchema,
    responses: { 204: 'revoked', 403: ADMINS_ONLY, 404: 'no such invite, or already revoked' },
  },
];
