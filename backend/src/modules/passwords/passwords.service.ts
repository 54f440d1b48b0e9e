import bcrypt from 'bcrypt';
import { AppError } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import { endSessions, revokeSessionsOf } from '../auth/end-sessions';
import type { RevokedSessions } from '../auth/revoked-sessions';
import type { PasswordsRepository } from './passwords.repository';
import type { ChangePasswordInput, ResetPasswordInput } from '@messenger/contract';
import { hashResetToken } from './reset-issuer';

/** What ends the sessions a new password ends: revocation on every instance, and their sockets closed. */
export interface SessionEnding {
  revoked: RevokedSessions;
  events: Pick<EventPublisher, 'endSession'>;
}

export const wrongPassword = () => new AppError(403, 'WRONG_PASSWORD', 'The current password is not correct');
export const resetTokenInvalid = () =>
  new AppError(
    400,
    'RESET_TOKEN_INVALID',
    'This reset link does not work: it has expired, was already used or was replaced by a newer one. Ask an admin for a new one',
  );

/**
 * Setting a new password: your own with the current one (your other sessions end), or with a reset token an admin
 * issued (reset-issuer.ts; every session ends).
 */
export class PasswordsService {
  constructor(
    private readonly repository: PasswordsRepository,
    private readonly settings: { bcryptRounds: number },
    private readonly sessions: SessionEnding,
  ) {}

  /** Needs the current password; the session making the request stays signed in, every other one ends. */
  async change(userId: string, currentSessionId: string, input: ChangePasswordInput): Promise<void> {
    const user = await this.repository.passwordHashOf(userId);
    if (!user || !(await bcrypt.compare(input.currentPassword, user.passwordHash))) throw wrongPassword();
    const nextHash = await bcrypt.hash(input.newPassword, this.settings.bcryptRounds);
    const ended = await this.repository.transaction(async (tx) => {
      // Changed by a concurrent request since it was checked: the current password given is no longer it.
      if (!(await this.repository.replacePasswordHash(tx, userId, user.passwordHash, nextHash))) throw wrongPassword();
      return revokeSessionsOf(tx, userId, currentSessionId);
    });
    await this.end(ended);
  }

  /** Sets a new password with a reset token, once; every session of that user ends. */
  async reset(input: ResetPasswordInput): Promise<void> {
    const tokenHash = hashResetToken(input.resetToken);
    // A cheap look first, so that made-up tokens cost no bcrypt work.
    if (!(await this.repository.isUsableResetToken(tokenHash))) throw resetTokenInvalid();
    const passwordHash = await bcrypt.hash(input.newPassword, this.settings.bcryptRounds);
    const ended = await this.repository.transaction(async (tx) => {
      const userId = await this.repository.consumeResetToken(tx, tokenHash);
      if (!userId) throw resetTokenInvalid();
      await this.repository.setPasswordHash(tx, userId, passwordHash);
      return revokeSessionsOf(tx, userId);
    });
    await this.end(ended);
  }

  private async end(sessionIds: string[]): Promise<void> {
    await endSessions(sessionIds, this.sessions.revoked, this.sessions.events);
  }
}
