import { runDatabaseCommand } from '../../db/database-command';
import { createPrisma } from '../../db/prisma';
import { reachServers } from '../../realtime/command-line-reach';
import { adminCommandContext } from './admin-command-context';
import { adminCommands, runAdminCommand } from './admin-commands';

/**
 * `npm run admin -w backend -- <command>`: administration from a shell on the server, against DATABASE_URL or the
 * embedded database (the running server's when it is up), for the day no admin can sign in. Audit entries name
 * "command line" as the actor.
 */
runDatabaseCommand(async (databaseUrl, config, logger) => {
  const db = createPrisma(databaseUrl);
  const reach = await reachServers(config, logger);
  try {
    const print = (line: string) => console.log(line);
    await runAdminCommand(adminCommands, process.argv.slice(2), adminCommandContext(db, config, logger, reach, print));
  } finally {
    await reach.close();
    await db.$disconnect();
  }
});
