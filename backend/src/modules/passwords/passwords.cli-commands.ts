import { AppError } from '../../lib/errors';
import { AdminCommandError, type AdminCommand } from '../admin/admin-command';
import { PasswordsRepository } from './passwords.repository';
import { ResetIssuer } from './reset-issuer';

/** The admin command line's password commands: the same ResetIssuer as `POST /api/admin/users/:id/password-reset`. */
export const passwordCommands: Record<string, AdminCommand> = {
  'reset-password': {
    usage: 'reset-password <username>',
    summary: 'Print a one-use password reset token and link for the user (valid up to PASSWORD_RESET_TTL)',
    async run(context, args) {
      const [username, ...extra] = args;
      if (!username || extra.length > 0) throw new AdminCommandError('Usage: reset-password <username>');
      const resets = new ResetIssuer(new PasswordsRepository(context.db), context.audit, {
        resetTtlMs: context.config.PASSWORD_RESET_TTL,
        frontendUrl: context.config.FRONTEND_URL,
      });
      const issued = await resets.issueReset('command-line', { username }).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) {
          throw new AdminCommandError(`There is no user named "${username}"`);
        }
        throw error;
      });
      context.print(`Password reset for ${issued.user.username}, usable once until ${issued.expiresAt}:`);
      context.print(`  link:  ${linkToPrint(issued.resetUrl)}`);
      context.print(`  token: ${issued.resetToken}`);
      context.print('Hand it to the person only; any older reset link of theirs no longer works.');
    },
  },
};

/**
 * The link in full when FRONTEND_URL says where people open the web app; without it, the path to open on the
 * messenger's own address (`npm start` serves the app on PORT, not at FRONTEND_URL's development default).
 */
function linkToPrint(url: string): string {
  if (process.env.FRONTEND_URL) return url;
  const { pathname, search } = new URL(url);
  return `${pathname}${search} on the address where people open the messenger (set FRONTEND_URL to print it whole)`;
}
