import { runDatabaseCommand } from './database-command';
import { migrate } from './migrate';

/** `npm run migrate`: migrates DATABASE_URL, or the embedded database when it is unset. */
runDatabaseCommand(async (databaseUrl, _config, logger) => {
  const result = await migrate(databaseUrl);
  logger.info(
    { applied: result.applied, alreadyApplied: result.alreadyApplied },
    result.applied.length ? 'migrations applied' : 'database is up to date',
  );
});
