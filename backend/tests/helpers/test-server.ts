import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { loadConfig } from '../../src/config/env';
import { createPrisma, SERVER_STATEMENT_TIMEOUT_MS, type PrismaClient } from '../../src/db/prisma';
import { createLogger } from '../../src/lib/logger';
import { createMessengerServer } from '../../src/server';
import { recordResponseViolation } from './response-violations';
import { TEST_SIGNING_SECRETS } from './signing-secrets';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestServer {
  url: string;
  databaseUrl: string;
  /** DATA_DIR of this server (local-disk images live under uploads/). */
  dataDir: string;
  prisma: PrismaClient;
  api: ReturnType<typeof request.agent>;
  close(): Promise<void>;
}

/**
 * A real server on a random port over its own real database, or over a shared one (then the caller drops it), as
 * several instances behind a load balancer would be.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  shared?: TestDatabase,
  logDestination?: DestinationStream,
): Promise<TestServer> {
  const database = shared ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'messenger-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    BCRYPT_ROUNDS: '4',
    DATABASE_URL: database.url,
    FRONTEND_DIST: '',
    DATA_DIR: dataDir,
    // Test servers with REDIS_URL count registrations per address in the one shared Redis, across test files and
    // runs within the hour: the tests of that limit set their own.
    REGISTRATION_RATE_LIMIT_PER_HOUR: '1000000',
    ...TEST_SIGNING_SECRETS,
    ...env,
  });
  const prisma = createPrisma(database.url, { statementTimeoutMs: SERVER_STATEMENT_TIMEOUT_MS });
  const server = await createMessengerServer(config, prisma, createLogger(config.LOG_LEVEL, logDestination), {
    onResponseViolation: recordResponseViolation,
  });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    databaseUrl: database.url,
    dataDir,
    prisma,
    api: request.agent(url),
    close: async () => {
      await server.close();
      await prisma.$disconnect();
      if (!shared) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One server for the whole test file, started before its first test and closed after its last; usable right away
 * as `const server = useTestServer()` (its properties are read when the tests run).
 */
export function useTestServer(env: Record<string, string> = {}): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer(env);
  });
  afterAll(() => current?.close());
  const started = (): TestServer => {
    if (!current) throw new Error('the test server starts in beforeAll');
    return current;
  };
  return {
    get url() {
      return started().url;
    },
    get databaseUrl() {
      return started().databaseUrl;
    },
    get dataDir() {
      return started().dataDir;
    },
    get prisma() {
      return started().prisma;
    },
    get api() {
      return started().api;
    },
    close: () => started().close(),
  };
}
