import '../config/dotenv';
import { loadConfig } from '../config/env';
import { createLogger } from '../lib/logger';
import { resolveDatabase } from './embedded-postgres';
import { resetDatabase } from './migrate';

/** `npm run prisma:migrate:reset`: empties DATABASE_URL (or the embedded database) and migrates it from scratch. */
async function run(): Promise<void> {
  // Checked before the configuration is validated, so that a production environment is refused for what it is.
  if (process.env.NODE_ENV === 'production') {
    throw new Error('Refusing to reset the database: NODE_ENV=production. This deletes every message and account.');
  }
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await resolveDatabase(config, logger);
  try {
    const result = await resetDatabase(database.url);
    logger.info(
      { applied: result.applied },
      `database reset: all data deleted, ${result.applied.length} migrations applied (npm run seed for demo data)`,
    );
  } finally {
    await database.stop();
  }
}

run().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
