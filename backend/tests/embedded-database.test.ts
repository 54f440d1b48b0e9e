import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { rootClusterDir } from '../src/db/embedded-postgres';
import { SEED_PASSWORD } from '../src/db/seed';
import {
  cloneBackend,
  exitOf,
  spawnBackendScript,
  startBackendProcess,
  stopBackendProcess,
} from './helpers/backend-process';
import { freePort } from './helpers/ports';

let privateDir: string;
let clone: string;
let backendDir: string;
let server: ChildProcess;
let url: string;
const serverOutput: string[] = [];
let outputWhenReady: string[];
const zeroConfig = (embeddedPort: number) => ({
  NODE_ENV: 'development',
  DATABASE_URL: '',
  REDIS_URL: '',
  S3_ENDPOINT: '',
  DATA_DIR: '',
  EMBEDDED_PG_PORT: String(embeddedPort),
  BCRYPT_ROUNDS: '4',
});

beforeAll(async () => {
  // A clone as a new user has it, in a folder only its owner may enter (mkdtemp makes it mode 700, like /root),
  // with every file the process touches inside it (what PostgreSQL's user could not reach) and the default
  // data folder, ./.data inside the clone.
  privateDir = mkdtempSync(join(tmpdir(), 'messenger-private-'));
  expect(statSync(privateDir).mode & 0o777).toBe(0o700);
  clone = join(privateDir, 'clone');
  backendDir = cloneBackend(clone, 'hard-linked');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = await startBackendProcess(port, zeroConfig(await freePort()), {
    backendDir,
    output: serverOutput,
    readyWithinMs: 120_000, // the first start creates the cluster (and, as root, copies the binaries once)
  });
  while (!serverOutput.some((line) => line.includes('is ready'))) await new Promise((wait) => setTimeout(wait, 50));
  outputWhenReady = [...serverOutput];
}, 180_000);

afterAll(async () => {
  if (server) await stopBackendProcess(server);
  rmSync(privateDir, { recursive: true, force: true });
  if (process.getuid?.() === 0) rmSync(rootClusterDir(join(clone, '.data')), { recursive: true, force: true });
}, 30_000);

it('starts with zero configuration from a clone in a private folder, also as root, and registers a user', async () => {
  await request(url)
    .post('/api/auth/register')
    .send({ username: 'first_user', password: 'correct horse battery staple' })
    .expect(201);
});

it('tells on the way what it is doing, and ends with the address to open', () => {
  const messages = outputWhenReady.map((line) => (JSON.parse(line) as { msg: string }).msg);
  expect(messages).toEqual(
    expect.arrayContaining([
      'no backend/.env: settings from the environment and the defaults',
      expect.stringMatching(/^creating the embedded PostgreSQL database in .* \(first start\)$/),
      expect.stringMatching(/^starting the embedded PostgreSQL on port \d+$/),
      'applying database migrations',
    ]),
  );
  expect(messages.at(-1)).toBe(`1000-Messenger is ready: http://localhost:${new URL(url).port}`);
});

it('seeds into the database of the running server instead of failing on its lock', async () => {
  const output: string[] = [];
  const seeding = spawnBackendScript('db/seed.ts', zeroConfig(await freePort()), {
    backendDir,
    output,
  });
  expect({ exit: await exitOf(seeding), output }).toEqual({ exit: 0, output: expect.anything() });
  await request(url).post('/api/auth/login').send({ username: 'alice', password: SEED_PASSWORD }).expect(200);
}, 60_000);
