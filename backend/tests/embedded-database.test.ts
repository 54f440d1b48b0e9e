import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { rootClusterDir } from '../src/db/embedded-postgres';
import { SEED_PASSWORD } from '../src/db/seed';
import { exitOf, spawnBackendScript, startBackendProcess, stopBackendProcess } from './helpers/backend-process';
import { freePort } from './helpers/ports';

const REPO_ROOT = join(__dirname, '..', '..');

/**
 * A clone as a new user has it, in a folder only its owner may enter (mkdtemp makes it mode 700, like /root):
 * node_modules and the backend's sources are hard links (the same files at a path inside the private folder, which
 * is what PostgreSQL's user could not reach), and the data folder is the default, ./.data inside the clone.
 */
function cloneIntoPrivateFolder(): { privateDir: string; clone: string } {
  const privateDir = mkdtempSync(join(tmpdir(), 'messenger-private-'));
  const clone = join(privateDir, 'clone');
  mkdirSync(join(clone, 'backend'), { recursive: true });
  execFileSync('cp', ['-al', join(REPO_ROOT, 'node_modules'), clone]);
  for (const entry of ['node_modules', 'src', 'prisma', 'package.json', 'tsconfig.json']) {
    execFileSync('cp', ['-al', join(REPO_ROOT, 'backend', entry), join(clone, 'backend')]);
  }
  return { privateDir, clone };
}

let privateDir: string;
let clone: string;
let server: ChildProcess;
let url: string;
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
  ({ privateDir, clone } = cloneIntoPrivateFolder());
  expect(statSync(privateDir).mode & 0o777).toBe(0o700);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = await startBackendProcess(port, zeroConfig(await freePort()), {
    backendDir: join(clone, 'backend'),
    readyWithinMs: 120_000, // the first start creates the cluster (and, as root, copies the binaries once)
  });
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

it('seeds into the database of the running server instead of failing on its lock', async () => {
  const output: string[] = [];
  const seeding = spawnBackendScript('db/seed.ts', zeroConfig(await freePort()), {
    backendDir: join(clone, 'backend'),
    output,
  });
  expect({ exit: await exitOf(seeding), output }).toEqual({ exit: 0, output: expect.anything() });
  await request(url).post('/api/auth/login').send({ username: 'alice', password: SEED_PASSWORD }).expect(200);
}, 60_000);
