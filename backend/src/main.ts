import './config/dotenv';
import { ConfigError, loadConfig } from './config/env';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { migrate } from './db/migrate';
import { createPrisma } from './db/prisma';
import { createLogger } from './lib/logger';
import { createMessengerServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, logger);
    databaseUrl = embedded.url;
  }
  const migrations = await migrate(databaseUrl);
  if (migrations.applied.length) logger.info({ applied: migrations.applied }, 'database migrated');

  const prisma = createPrisma(databaseUrl);
  const server = await createMessengerServer(config, prisma, logger);
  const port = await server.listen(config.PORT, config.HOST);
  logger.info(
    { port, database: embedded ? 'embedded' : 'external', redis: Boolean(config.REDIS_URL) },
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
      await embedded?.stop();
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
