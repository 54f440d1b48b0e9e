import { Client } from 'pg';
import { startBackendProcess, stopBackendProcess } from './helpers/backend-process';
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
