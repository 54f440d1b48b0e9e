import { AdminCommandError, type AdminCommand } from '../admin/admin-command';
import { RegistrationRepository } from './registration.repository';
import { REGISTRATION_MODES, registrationModeSchema } from '@messenger/contract';
import { RegistrationService } from './registration.service';

const USAGE = `registration [${REGISTRATION_MODES.join('|')}]`;

/** The admin command line's registration command: the same RegistrationService as `PUT /api/admin/settings`. */
export const registrationCommands: Record<string, AdminCommand> = {
  registration: {
    usage: USAGE,
    summary: 'Show who may register, or set it: open (anyone), invite (invite links only) or closed (nobody)',
    async run(context, args) {
      const registration = new RegistrationService(
        new RegistrationRepository(context.db),
        context.audit,
        context.config.FRONTEND_URL,
      );
      if (args.length === 0) {
        context.print(`Registration is ${await registration.mode()}`);
        return;
      }
      const mode = registrationModeSchema.safeParse(args[0]);
      if (!mode.success || args.length > 1) throw new AdminCommandError(`Usage: ${USAGE}`);
      await registration.updateSettings('command-line', { registration: mode.data });
      context.print(`Registration is now ${mode.data}`);
    },
  },
};
