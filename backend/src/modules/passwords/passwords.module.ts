import type { Config } from '../../config/env';
import type { PrismaClient } from '../../db/prisma';
import type { RateLimiters } from '../../http/rate-limit';
import type { AuditLog } from '../admin/audit-log';
import { PasswordsRepository } from './passwords.repository';
import { passwordAdminRoutes, passwordChangeRoutes, passwordResetRoutes } from './passwords.routes';
import { PasswordsService, type SessionEnding } from './passwords.service';
import { ResetIssuer } from './reset-issuer';

/** The passwords module's routers, built with what they use (called from the composition root, server.ts). */
export function passwordsModule(
  db: PrismaClient,
  audit: AuditLog,
  config: Pick<Config, 'BCRYPT_ROUNDS' | 'PASSWORD_RESET_TTL' | 'FRONTEND_URL'>,
  sessions: SessionEnding,
  limiters: Pick<RateLimiters, 'passwordChanges' | 'passwordResets'>,
) {
  const repository = new PasswordsRepository(db);
  const passwords = new PasswordsService(repository, { bcryptRounds: config.BCRYPT_ROUNDS }, sessions);
  const settings = { resetTtlMs: config.PASSWORD_RESET_TTL, frontendUrl: config.FRONTEND_URL };
  return {
    /** Under /api/auth, public. */
    resetRoutes: passwordResetRoutes(passwords, limiters.passwordResets),
    /** Under /api/users, signed in. */
    changeRoutes: passwordChangeRoutes(passwords, limiters.passwordChanges),
    /** Under /api/admin, admins only. */
    adminRoutes: passwordAdminRoutes(new ResetIssuer(repository, audit, settings)),
  };
}
