import {
  createInviteBodySchema,
  inviteIdParamSchema,
  inviteResponseSchema,
  invitesResponseSchema,
  registrationResponseSchema,
  settingsResponseSchema,
  settingsSchema,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { RegistrationService } from './registration.service';

const operation = operationsOf<{ registration: RegistrationService }>();

const ADMINS_ONLY = 'not an admin';

/** Who may register: the public mode, the admins' settings and invites. */
export const registrationOperations = [
  operation({
    method: 'get',
    path: '/api/auth/registration',
    tag: 'auth',
    access: 'public',
    summary: 'Who may register now: open, invite or closed',
    responses: { 200: { description: 'the mode', json: registrationResponseSchema } },
    handle: async (_request, { registration }) => ({
      status: 200,
      body: { registration: await registration.mode() },
    }),
  }),
  operation({
    method: 'get',
    path: '/api/admin/settings',
    tag: 'admin',
    access: 'admin',
    summary: 'Instance settings (admins)',
    responses: { 200: { description: 'the settings', json: settingsResponseSchema }, 403: ADMINS_ONLY },
    handle: async (_request, { registration }) => ({
      status: 200,
      body: { settings: await registration.settings() },
    }),
  }),
  operation({
    method: 'put',
    path: '/api/admin/settings',
    tag: 'admin',
    access: 'admin',
    summary: 'Change who may register (admins; audited)',
    body: settingsSchema,
    responses: {
      200: { description: 'the settings, changed', json: settingsResponseSchema },
      400: 'invalid input',
      403: ADMINS_ONLY,
    },
    handle: async ({ userId, body }, { registration }) => ({
      status: 200,
      body: { settings: await registration.updateSettings({ adminId: userId }, body) },
    }),
  }),
  operation({
    method: 'post',
    path: '/api/admin/invites',
    tag: 'admin',
    access: 'admin',
    summary: 'Create an invite link (admins; audited)',
    body: createInviteBodySchema,
    responses: {
      201: { description: 'the invite, with the link to hand out', json: inviteResponseSchema },
      400: 'invalid input',
      403: ADMINS_ONLY,
      409: 'too many active invites',
    },
    handle: async ({ userId, body }, { registration }) => ({
      status: 201,
      body: { invite: await registration.createInvite({ adminId: userId }, body) },
    }),
  }),
  operation({
    method: 'get',
    path: '/api/admin/invites',
    tag: 'admin',
    access: 'admin',
    summary: 'The invites that can still be used (admins)',
    responses: { 200: { description: 'the usable invites', json: invitesResponseSchema }, 403: ADMINS_ONLY },
    handle: async (_request, { registration }) => ({
      status: 200,
      body: { invites: await registration.listInvites() },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/admin/invites/{id}',
    tag: 'admin',
    access: 'admin',
    summary: 'Revoke an invite (admins; audited)',
    params: inviteIdParamSchema,
    responses: { 204: { description: 'revoked' }, 403: ADMINS_ONLY, 404: 'no such invite, or already revoked' },
    handle: async ({ userId, params }, { registration }) => {
      await registration.revokeInvite({ adminId: userId }, params.id);
      return { status: 204 };
    },
  }),
];
