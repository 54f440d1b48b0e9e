import { describeEnvFile } from './config/dotenv';
import { ConfigError, loadConfig } from './config/env';
import { checkConfiguredServices } from './config/services-reachable';
import { withStoredSecrets } from './config/secrets';
import { resolveDatabase } from './db/embedded-postgres';
import { migrate } from './db/migrate';
import { createPrisma, SERVER_STATEMENT_TIMEOUT_MS } from './db/prisma';
import { createLogger } from './lib/logger';
import { StartupError } from './lib/startup-error';
import { createMessengerServer } from './server';

async function main(): Promise<void> {
  const secrets = withStoredSecrets(process.env);
  const config = loadConfig(secrets.env);
  const logger = createLogger(config.LOG_LEVEL);
  logger.info(describeEnvFile());
  if (config.NODE_ENV === 'development') await checkConfiguredServices(config);
  if (secrets.stored?.created)
    logger.info(
      { file: secrets.stored.file },
      'generated token signing secrets (deleting the file signs everyone out)',
    );

  const database = await resolveDatabase(config, logger);
  if (config.MIGRATE_ON_START) {
    logger.info('applying database migrations');
    const migrations = await migrate(database.url);
    logger.info(
      { applied: migrations.applied },
      migrations.applied.length ? `${migrations.applied.length} migrations applied` : 'database is up to date',
    );
  }

  const prisma = createPrisma(database.url, {
    statementTimeoutMs: SERVER_STATEMENT_TIMEOUT_MS,
    maxConnections: config.DATABASE_POOL_SIZE,
  });
  const server = await createMessengerServer(config, prisma, logger);
  const port = await server.listen(config.PORT, config.HOST);
  logger.info(
    `${database.embedded ? 'embedded' : 'external'} database, ${config.REDIS_URL ? 'Redis' : 'single node'}, ` +
      `images ${config.storageDriver === 's3' ? 'in S3' : 'on disk'}`,
  );
  logger.info(`1000-Messenger is ready: http://localhost:${port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await server.close();
      await prisma.$disconnect();
      await database.stop();
    } finally {
      clearTimeout(forceExit);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

// One line saying what to do, not a stack trace: the trace (and the cause) only with LOG_LEVEL=debug or trace.
main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) console.error(`✗ ${error.message}`);
  else console.error(`✗ 1000-Messenger could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '')) console.error(error);
  process.exit(1);
});
