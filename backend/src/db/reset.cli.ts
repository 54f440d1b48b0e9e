import { runDatabaseCommand } from './database-command';
import { resetDatabase } from './migrate';

/** `npm run prisma:migrate:reset`: empties DATABASE_URL (or the embedded database) and migrates it from scratch. */
runDatabaseCommand(
  async (databaseUrl, _config, logger) => {
    const result = await resetDatabase(databaseUrl);
    logger.info(
      { applied: result.applied },
      `database reset: all data deleted, ${result.applied.length} migrations applied (npm run seed for demo data)`,
    );
  },
  { refuseInProduction: 'resetting the database deletes every message and account' },
);
