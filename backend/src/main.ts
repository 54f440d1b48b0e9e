import './config/dotenv';
import { ConfigError, loadConfig } from './config/env';
import { withStoredSecrets } from './config/secrets';
import { resolveDatabase } from './db/embedded-postgres';
import { migrate } from './db/migrate';
import { createPrisma, SERVER_STATEMENT_TIMEOUT_MS } from './db/prisma';
import { createLogger } from './lib/logger';
import { createMessengerServer } from './server';

async function main(): Promise<void> {
  const secrets = withStoredSecrets(process.env);
  const config = loadConfig(secrets.env);
  const logger = createLogger(config.LOG_LEVEL);
  if (secrets.stored?.created)
    logger.info(
      { file: secrets.stored.file },
      'generated token signing secrets (deleting the file signs everyone out)',
    );

  const database = await resolveDatabase(config, logger);
  if (config.MIGRATE_ON_START) {
    const migrations = await migrate(database.url);
    if (migrations.applied.length) logger.info({ applied: migrations.applied }, 'database migrated');
  }

  const prisma = createPrisma(database.url, {
    statementTimeoutMs: SERVER_STATEMENT_TIMEOUT_MS,
    maxConnections: config.DATABASE_POOL_SIZE,
  });
  const server = await createMessengerServer(config, prisma, logger);
  const port = await server.listen(config.PORT, config.HOST);
  logger.info(
    { port, database: database.embedded ? 'embedded' : 'external', redis: Boolean(config.REDIS_URL) },
    `1000-Messenger listening on http://localhost:${port}`,
  );

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

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Failed to start:', error);
  process.exit(1);
});
