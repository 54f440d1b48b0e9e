import { Router, type RequestHandler } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { unauthorized } from '../../lib/errors';
import { userIdParamSchema } from '../users/users.schemas';
import { changePasswordBodySchema, resetPasswordBodySchema } from './passwords.schemas';
import type { PasswordsService } from './passwords.service';
import type { ResetIssuer } from './reset-issuer';

/** `PUT /api/users/me/password`; mounted under /api/users behind the access-token check. */
export function passwordChangeRoutes(passwords: PasswordsService, failedChanges: RequestHandler): Router {
  const router = Router();
  router.put('/me/password', failedChanges, async (req, res) => {
    const sessionId = req.auth?.sessionId;
    if (!sessionId) throw unauthorized();
    await passwords.change(currentUserId(req), sessionId, parseInput(changePasswordBodySchema, req.body));
    res.status(204).end();
  });
  return router;
}

/** `POST /api/auth/password-reset`: public, the reset token is the credential. */
export function passwordResetRoutes(passwords: PasswordsService, failedResets: RequestHandler): Router {
  const router = Router();
  router.post('/password-reset', failedResets, async (req, res) => {
    await passwords.reset(parseInput(resetPasswordBodySchema, req.body));
    res.status(204).end();
  });
  return router;
}

/** `POST /api/admin/users/:id/password-reset`; mounted under /api/admin behind requireAdmin. */
export function passwordAdminRoutes(resets: ResetIssuer): Router {
  const router = Router();
  router.post('/users/:id/password-reset', async (req, res) => {
    const { id } = parseInput(userIdParamSchema, req.params);
    const { resetToken, resetUrl, expiresAt } = await resets.issueReset(
      { adminId: currentUserId(req) },
      { userId: id },
    );
    res.status(201).json({ resetToken, resetUrl, expiresAt });
  });
  return router;
}
