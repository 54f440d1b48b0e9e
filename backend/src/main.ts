import { describeEnvFile } from './config/dotenv';
import { ConfigError, loadConfig } from './config/env';
import { checkConfiguredServices } from './config/services-reachable';
import { withStoredSecrets } from './config/secrets';
import { resolveDatabase } from './db/embedded-postgres';
import { migrate } from './db/migrate';
import { createPrisma, SERVER_STATEMENT_TIMEOUT_MS } from './db/prisma';
import { killAfter } from './lib/hard-exit';
import { createLogger, flushLogs } from './lib/logger';
import { describeRedis } from './lib/redis';
import { StartupError } from './lib/startup-error';
import { createMessengerServer } from './server';

/** At exit, how long the log lines still queued for a slow reader of stdout may take to go out. */
const LOG_FLUSH_MS = 1_000;

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
    `${database.embedded ? 'embedded' : 'external'} database, ${describeRedis(config)}, ` +
      `images ${config.storageDriver === 's3' ? 'in S3' : 'on disk'}`,
  );
  logger.info(`1000-Messenger is ready: http://localhost:${port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Not a timer of this thread: its event loop is what a blocked write or a hung exit handler stops.
    killAfter(config.SHUTDOWN_TIMEOUT_MS);
    // SIGTERM comes from an orchestrator rolling instances; Ctrl-C (SIGINT) from a person, who need not wait.
    const drainDelayMs = signal === 'SIGINT' ? 0 : config.SHUTDOWN_DRAIN_DELAY_MS;
    logger.info(
      { signal, drainDelayMs, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      'shutting down: /ready answers 503, sockets close after the drain delay',
    );
    let code = 0;
    try {
      await server.close({ drainDelayMs });
      await prisma.$disconnect();
      await database.stop();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      code = 1;
    }
    await flushLogs(LOG_FLUSH_MS);
    process.exit(code);
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
