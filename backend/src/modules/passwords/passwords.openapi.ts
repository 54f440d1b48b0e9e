import type { ApiOperation } from '../../http/openapi';
import { userIdParamSchema } from '../users/users.schemas';
import { changePasswordBodySchema, resetPasswordBodySchema } from './passwords.schemas';

/** Changing your password, and admin-issued resets. */
export const passwordsOperations: ApiOperation[] = [
  {
    method: 'put',
    path: '/api/users/me/password',
    tag: 'users',
    summary: 'Change your password; your other sessions end',
    body: changePasswordBodySchema,
    responses: {
      204: 'changed',
      400: 'invalid new password',
      403: 'WRONG_PASSWORD: the current password is not correct',
      429: 'too many wrong current passwords (Retry-After)',
    },
  },
  {
    method: 'post',
    path: '/api/auth/password-reset',
    tag: 'auth',
    auth: false,
    summary: 'Set a new password with an admin-issued reset token; every session of that user ends',
    body: resetPasswordBodySchema,
    responses: {
      204: 'password set',
      400: 'invalid new password, or RESET_TOKEN_INVALID (unknown, expired, used or replaced)',
      429: 'too many failed attempts (Retry-After)',
    },
  },
  {
    method: 'post',
    path: '/api/admin/users/{id}/password-reset',
    tag: 'admin',
    summary: 'Issue a one-use password reset token, shown once (admins; audited)',
    params: userIdParamSchema,
    responses: {
      201: '{resetToken, resetUrl, expiresAt}: hand the link to the person out of band',
      403: 'not an admin',
      404: 'no such user',
    },
  },
];
