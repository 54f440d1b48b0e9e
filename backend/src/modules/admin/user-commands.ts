import type { AdminUser } from '@messenger/contract';
import { AppError } from '../../lib/errors';
import { AdminCommandError, type AdminCommand, type AdminCommandContext } from './admin-command';

const PAGE = 100;

/** A command that takes exactly one username and acts on that user. */
function onUser(
  usage: string,
  summary: string,
  act: (context: AdminCommandContext, user: AdminUser) => Promise<void>,
): AdminCommand {
  return {
    usage,
    summary,
    run: async (context, args) => {
      const [username, ...extra] = args;
      if (!username || extra.length) throw new AdminCommandError(`usage: ${usage}`);
      await act(context, await findUser(context, username));
    },
  };
}

async function findUser(context: AdminCommandContext, username: string): Promise<AdminUser> {
  try {
    return await context.people.byUsername(username);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw new AdminCommandError(`No user "${username}"`);
    throw error;
  }
}

/** What a shell cannot do without Redis, said where it matters. */
function sessionNote(context: AdminCommandContext): void {
  if (context.reachesServers) return;
  context.print(
    'Without REDIS_URL this command cannot reach the servers: open connections of that account close when their ' +
      'access token expires (JWT_ACCESS_EXPIRY), as it can no longer be renewed.',
  );
}

export const userCommands: Record<string, AdminCommand> = {
  'list-users': {
    usage: 'list-users',
    summary: 'Every account: username, role, status, display name',
    run: async (context, args) => {
      if (args.length) throw new AdminCommandError('usage: list-users');
      let cursor: string | undefined;
      do {
        const page = await context.people.list({ limit: PAGE, cursor });
        for (const user of page.users) {
          context.print(
            `${user.username.padEnd(32)} ${user.role.padEnd(6)} ${user.status.padEnd(11)} ${user.displayName}`,
          );
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  },
  'make-admin': onUser('make-admin <username>', 'Make an account an admin', async (context, user) => {
    await context.people.setRole('command-line', user.id, 'admin');
    context.print(`✓ ${user.username} is an admin`);
  }),
  deactivate: onUser(
    'deactivate <username>',
    'Deactivate an account: it is signed out everywhere and cannot sign in',
    async (context, user) => {
      await context.people.deactivate('command-line', user.id);
      context.print(`✓ ${user.username} is deactivated and signed out everywhere`);
      sessionNote(context);
    },
  ),
  reactivate: onUser('reactivate <username>', 'Let a deactivated account sign in again', async (context, user) => {
    await context.people.reactivate('command-line', user.id);
    context.print(`✓ ${user.username} is active again and can sign in`);
  }),
};
