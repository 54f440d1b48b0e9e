import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  cloneBackend,
  exitOf,
  spawnBackendScript,
  startBackendProcess,
  stopBackendProcess,
} from './helpers/backend-process';
import { freePort } from './helpers/ports';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

/** Starts the backend as production does, waits until it is ready, and stops it with SIGTERM: its exit code. */
async function startAndStop(database: TestDatabase, env: Record<string, string>): Promise<number | null> {
  const child = await startBackendProcess(await freePort(), { DATABASE_URL: database.url, ...env });
  return stopBackendProcess(child);
}

const appliedMigrations = async (database: TestDatabase) => {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string | null }>(`SELECT to_regclass('_prisma_migrations') AS table`);
    if (!rows[0]?.table) return 0;
    return Number((await client.query('SELECT count(*) FROM _prisma_migrations')).rows[0].count);
  } finally {
    await client.end();
  }
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
});
afterAll(() => database.drop());

it('leaves migrating to the one-shot step when MIGRATE_ON_START=false, and migrates by default', async () => {
  expect(await startAndStop(database, { MIGRATE_ON_START: 'false' })).toBe(0);
  expect(await appliedMigrations(database)).toBe(0);
  expect(await startAndStop(database, {})).toBe(0);
  expect(await appliedMigrations(database)).toBeGreaterThanOrEqual(4);
}, 60_000);

describe('a development start with a backend/.env pointing at services that are not running', () => {
  let clone: string;
  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'messenger-env-'));
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('stops with one line naming each setting, the file it came from and what to do', async () => {
    const backendDir = cloneBackend(clone, 'symlinked');
    const [databasePort, redisPort, s3Port] = [await freePort(), await freePort(), await freePort()];
    // `cp backend/.env.example backend/.env`, with the example's ports moved to ones nothing listens on here.
    const example = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');
    writeFileSync(
      join(backendDir, '.env'),
      example
        .replace('localhost:5432', `localhost:${databasePort}`)
        .replace('localhost:6379', `localhost:${redisPort}`)
        .replace('localhost:9000', `localhost:${s3Port}`),
    );
    const output: string[] = [];
    const unset = { DATABASE_URL: undefined, REDIS_URL: undefined, S3_ENDPOINT: undefined, NODE_ENV: undefined };
    const child = spawnBackendScript(
      'main.ts',
      { ...(unset as unknown as Record<string, string>) },
      {
        backendDir,
        output,
      },
    );

    expect(await exitOf(child)).toBe(1);
    const problems = output.filter((line) => !line.startsWith('{'));
    expect(problems).toEqual([
      `✗ DATABASE_URL from backend/.env points at localhost:${databasePort}, which refuses connections; ` +
        `REDIS_URL from backend/.env points at localhost:${redisPort}, which refuses connections; ` +
        `S3_ENDPOINT from backend/.env points at localhost:${s3Port}, which refuses connections: start them ` +
        '(docker compose -f docker-compose.dev.yml up -d) or remove DATABASE_URL, REDIS_URL, S3_ENDPOINT to use ' +
        'the embedded database, a single node without Redis, images on disk under DATA_DIR.',
    ]);
  }, 60_000);
});
