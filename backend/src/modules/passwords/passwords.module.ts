import type { Config } from '../../config/env';
import type { PrismaClient } from '../../db/prisma';
import type { RateLimiters } from '../../http/rate-limit';
import type { AuditLog } from '../admin/audit-log';
import type { PasswordOperationDeps } from './passwords.operations';
import { PasswordsRepository } from './passwords.repository';
import { PasswordsService, type SessionEnding } from './passwords.service';
import { ResetIssuer } from './reset-issuer';

/** What the passwords operations take, built with what they use (called from the composition root, server.ts). */
export function passwordsModule(
  db: PrismaClient,
  audit: AuditLog,
  config: Pick<Config, 'BCRYPT_ROUNDS' | 'PASSWORD_RESET_TTL' | 'FRONTEND_URL'>,
  sessions: SessionEnding,
  limiters: Pick<RateLimiters, 'passwordChanges' | 'passwordResets'>,
): PasswordOperationDeps {
  const repository = new PasswordsRepository(db);
  const settings = { resetTtlMs: config.PASSWORD_RESET_TTL, frontendUrl: config.FRONTEND_URL };
  return {
    passwords: new PasswordsService(repository, { bcryptRounds: config.BCRYPT_ROUNDS }, sessions),
    resets: new ResetIssuer(repository, audit, settings),
    failedChanges: limiters.passwordChanges,
    failedResets: limiters.passwordResets,
  };
}
