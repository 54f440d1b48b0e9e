import {
  changePasswordBodySchema,
  passwordResetIssuedSchema,
  resetPasswordBodySchema,
  userIdParamSchema,
} from '@messenger/contract';
import type { RequestHandler } from 'express';
import { operationsOf } from '../../http/operations';
import { unauthorized } from '../../lib/errors';
import type { PasswordsService } from './passwords.service';
import type { ResetIssuer } from './reset-issuer';

export interface PasswordOperationDeps {
  passwords: PasswordsService;
  resets: ResetIssuer;
  /** Failed password changes per user: a borrowed session guessing the password it would need. */
  failedChanges: RequestHandler;
  /** Failed password resets per address. */
  failedResets: RequestHandler;
}

const operation = operationsOf<PasswordOperationDeps>();

/** Changing your password, and admin-issued resets. */
export const passwordsOperations = [
  operation({
    method: 'put',
    path: '/api/users/me/password',
    tag: 'users',
    access: 'user',
    summary: 'Change your password; your other sessions end',
    before: ({ failedChanges }) => [failedChanges],
    body: changePasswordBodySchema,
    responses: {
      204: { description: 'changed' },
      400: 'invalid new password',
      403: 'WRONG_PASSWORD: the current password is not correct',
      429: 'too many wrong current passwords (Retry-After)',
    },
    handle: async ({ userId, body, req }, { passwords }) => {
      const sessionId = req.auth?.sessionId;
      if (!sessionId) throw unauthorized();
      await passwords.change(userId, sessionId, body);
      return { status: 204 };
    },
  }),
  operation({
    method: 'post',
    path: '/api/auth/password-reset',
    tag: 'auth',
    access: 'public',
    summary: 'Set a new password with an admin-issued reset token; every session of that user ends',
    before: ({ failedResets }) => [failedResets],
    body: resetPasswordBodySchema,
    responses: {
      204: { description: 'password set' },
      400: 'invalid new password, or RESET_TOKEN_INVALID (unknown, expired, used or replaced)',
      429: 'too many failed attempts (Retry-After)',
    },
    handle: async ({ body }, { passwords }) => {
      await passwords.reset(body);
      return { status: 204 };
    },
  }),
  operation({
    method: 'post',
    path: '/api/admin/users/{id}/password-reset',
    tag: 'admin',
    access: 'admin',
    summary: 'Issue a one-use password reset token, shown once (admins; audited)',
    params: userIdParamSchema,
    responses: {
      201: { description: 'hand the link to the person out of band', json: passwordResetIssuedSchema },
      403: 'not an admin',
      404: 'no such user',
    },
    handle: async ({ userId, params }, { resets }) => {
      const { resetToken, resetUrl, expiresAt } = await resets.issueReset({ adminId: userId }, { userId: params.id });
      return { status: 201, body: { resetToken, resetUrl, expiresAt } };
    },
  }),
];
