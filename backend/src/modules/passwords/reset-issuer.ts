import { createHash, randomBytes } from 'node:crypto';
import { notFound } from '../../lib/errors';
import { frontendLink } from '../../lib/frontend-link';
import { auditActor, type Acting } from '../admin/audit-actor';
import type { AuditLog } from '../admin/audit-log';
import { normalizeUsername } from '../users/usernames';
import type { PasswordsRepository } from './passwords.repository';

export interface ResetSettings {
  /** How long a reset token works (PASSWORD_RESET_TTL, at most 24 hours). */
  resetTtlMs: number;
  frontendUrl: string;
}

/** Only a SHA-256 of a reset token is stored: a copy of the database cannot reset anyone's password. */
export const hashResetToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Who a reset is for: the user's id (API) or their username (admin command line). */
export type ResetFor = { userId: string } | { username: string };

/**
 * Admin-issued password resets: no e-mail is needed, the admin hands the link to the person out of band. Used by
 * the API and the admin command line alike.
 */
export class ResetIssuer {
  constructor(
    private readonly repository: PasswordsRepository,
    private readonly audit: AuditLog,
    private readonly settings: ResetSettings,
  ) {}

  /**
   * A one-use reset token for the user, replacing any unused one, shown once: only its hash is kept. Allowed for a
   * deactivated user too; resetting does not reactivate them.
   */
  async issueReset(acting: Acting, resetFor: ResetFor) {
    const resetToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.settings.resetTtlMs);
    const target = 'userId' in resetFor ? resetFor : { usernameNormalized: normalizeUsername(resetFor.username) };
    const user = await this.repository.transaction(async (tx) => {
      const found = await this.repository.lockUser(tx, target);
      if (!found) throw notFound('User');
      const actor = await auditActor(tx, acting);
      await this.repository.replaceResetTokens(tx, {
        userId: found.id,
        tokenHash: hashResetToken(resetToken),
        issuedById: actor.kind === 'user' ? actor.id : null,
        expiresAt,
      });
      await this.audit.record(
        {
          actor,
          action: 'user.password-reset-issued',
          target: found,
          details: { expiresAt: expiresAt.toISOString() },
        },
        tx,
      );
      return found;
    });
    return {
      user,
      resetToken,
      resetUrl: frontendLink(this.settings.frontendUrl, '/reset-password', { token: resetToken }),
      expiresAt: expiresAt.toISOString(),
    };
  }
}
