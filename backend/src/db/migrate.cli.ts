import '../config/dotenv';
import { loadEnv } from '../config/env';
import { createLogger } from '../lib/logger';
import { resolveDatabase } from './embedded-postgres';
import { migrate } from './migrate';

/** `npm run migrate`: migrates DATABASE_URL, or the embedded database when it is unset. */
async function run(): Promise<void> {
  const config = loadEnv();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await resolveDatabase(config, logger);
  try {
    const result = await migrate(database.url);
    logger.info(
      { applied: result.applied, alreadyApplied: result.alreadyApplied },
      result.applied.length ? 'migrations applied' : 'database is up to date',
    );
  } finally {
    await database.stop();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
