import { AdminCommandError, type AdminCommand, type AdminCommandContext } from './admin-command';
import { passwordCommands } from '../passwords/passwords.cli-commands';
import { registrationCommands } from '../registration/registration.cli-commands';
import { userCommands } from './user-commands';

/**
 * Every command of `npm run admin -w backend -- <command>`, by name. Each feature brings its own record of
 * commands (see AdminCommand) and adds it here.
 */
export const adminCommands: Record<string, AdminCommand> = {
  ...userCommands,
  ...passwordCommands,
  ...registrationCommands,
};

/** Runs the named command; `help` (or nothing) lists them all. */
export async function runAdminCommand(
  commands: Record<string, AdminCommand>,
  [name, ...args]: string[],
  context: AdminCommandContext,
): Promise<void> {
  if (name === undefined || name === 'help') {
    context.print('Usage: npm run admin -w backend -- <command>');
    for (const command of Object.values(commands)) context.print(`  ${command.usage.padEnd(32)} ${command.summary}`);
    return;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new AdminCommandError(`Unknown command "${name}"; "help" lists them`);
  await command.run(context, args);
}
