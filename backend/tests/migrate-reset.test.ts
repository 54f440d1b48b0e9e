import { Client } from 'pg';
import { exitOf, spawnBackendScript } from './helpers/backend-process';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function query<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const userCount = async () => Number((await query<{ count: string }>('SELECT count(*) FROM users'))[0]?.count);

async function reset(nodeEnv: string): Promise<{ exit: number | null; output: string[] }> {
  const output: string[] = [];
  const child = spawnBackendScript('db/reset.cli.ts', { DATABASE_URL: database.url, NODE_ENV: nodeEnv }, { output });
  return { exit: await exitOf(child), output };
}

beforeAll(async () => {
  await query(
    `INSERT INTO users (id, username, username_normalized, display_name, password_hash)
     VALUES (gen_random_uuid(), 'keeper', 'keeper', 'Keeper', 'x')`,
  );
});

it('refuses to touch a production database', async () => {
  const { exit, output } = await reset('production');
  expect(exit).toBe(1);
  expect(output).toEqual([
    '✗ This command refuses to run with NODE_ENV=production: resetting the database deletes every message and account.',
  ]);
  expect(await userCount()).toBe(1);
}, 60_000);

it('empties a development database and migrates it again from scratch', async () => {
  const migrations = await query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
  const { exit } = await reset('development');
  expect(exit).toBe(0);
  expect(await userCount()).toBe(0);
  const reapplied = await query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
  expect(reapplied.map((row) => row.migration_name).sort()).toEqual(migrations.map((row) => row.migration_name).sort());
}, 60_000);
