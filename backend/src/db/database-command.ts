import '../config/dotenv';
import { loadEnv, type Env } from '../config/env';
import { createLogger, type Logger } from '../lib/logger';
import { resolveDatabase } from './embedded-postgres';

/**
 * Runs one of our database commands (`npm run migrate`, `seed`, `prisma:migrate:reset`) against DATABASE_URL, or the
 * embedded database (the running server's when `npm start` is up), stops what it started, and reports a failure
 * as one line. `refuseInProduction` says why the command must not run with NODE_ENV=production.
 */
export function runDatabaseCommand(
  command: (databaseUrl: string, config: Env, logger: Logger) => Promise<void>,
  { refuseInProduction }: { refuseInProduction?: string } = {},
): void {
  const run = async () => {
    // Checked before the configuration is validated, so that a production environment is refused for what it is.
    if (refuseInProduction && process.env.NODE_ENV === 'production') {
      throw new Error(`This command refuses to run with NODE_ENV=production: ${refuseInProduction}.`);
    }
    const config = loadEnv();
    const logger = createLogger(config.LOG_LEVEL);
    const database = await resolveDatabase(config, logger);
    try {
      await command(database.url, config, logger);
    } finally {
      await database.stop();
    }
  };
  run().catch((error: unknown) => {
    // eslint-disable-next-line no-console -- a command-line tool: its failure is one line for the person who ran it
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
