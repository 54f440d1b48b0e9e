import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..', '..');

/**
 * `.ci/run` installs every validation tool and sets REQUIRE_DEPLOY_TOOLS=1: there a missing tool fails the test
 * instead of skipping it, so CI never passes by skipping. Elsewhere a test whose tool is absent is skipped,
 * with the reason and the install command in its name.
 */
export const TOOLS_REQUIRED = process.env.REQUIRE_DEPLOY_TOOLS === '1';

/** Where `.ci/run` installs the npm-based tools (scripts/ci-tools/package.json), outside the repository. */
export const CI_TOOLS_DIR = process.env.MESSENGER_CI_TOOLS ?? '/opt/messenger-ci-tools';

export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
) {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: options.env ?? process.env,
    input: options.input,
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

/** The absolute path of an executable on PATH (or in /usr/sbin, where Debian puts nginx), else undefined. */
export function which(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/bin']) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * `it` when the tool is there; otherwise `it.skip` with the reason in the test's name, or (REQUIRE_DEPLOY_TOOLS=1)
 * a failing test saying what is missing.
 */
export function itWithTool(available: boolean, missing: string, required = TOOLS_REQUIRED) {
  if (available) return it;
  if (required)
    return (name: string) =>
      it(name, () => {
        throw new Error(`${missing} (REQUIRE_DEPLOY_TOOLS=1: .ci/run should have installed it)`);
      });
  return (name: string) => it.skip(`${name} [skipped: ${missing}]`, () => undefined);
}

/** How to run Compose here: the v1 `docker-compose` (Debian's package) or the v2 plugin `docker compose`. */
export function composeCommand(): [string, ...string[]] | undefined {
  if (which('docker-compose')) return ['docker-compose'];
  if (which('docker') && run('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  return undefined;
}

/** What scripts/dev-env.sh writes to .env for docker-compose.yml: random signing secrets, made per test run. */
export const DEV_TEST_ENV = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  JWT_REFRESH_SECRET: randomBytes(32).toString('base64url'),
  GRAFANA_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
};

/**
 * The S3 server of every Compose file and of k8s/: SeaweedFS, pinned to a release (MinIO's images were deleted
 * from Docker Hub in September 2026; docs/deployment.md says why SeaweedFS).
 */
export const SEAWEEDFS_IMAGE = 'chrislusf/seaweedfs:4.47';

/** Placeholder values for the variables docker-compose.prod.yml requires (never real secrets). */
export const PROD_TEST_ENV = {
  POSTGRES_PASSWORD: 'test-postgres-password',
  REDIS_PASSWORD: 'test-redis-password',
  S3_ACCESS_KEY: 'test-s3-access-key',
  S3_SECRET_KEY: 'test-s3-secret-key',
  ...DEV_TEST_ENV,
  FRONTEND_URL: 'https://chat.example.com',
};

/** The environment for Compose: PATH and HOME only (plus `extra`), so nothing of this shell leaks in. */
export function composeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

let tempDir: string | undefined;
/** A scratch folder for this test process (empty env file, Compose v1 copies). */
function scratch(): string {
  tempDir ??= mkdtempSync(join(tmpdir(), 'messenger-compose-'));
  return tempDir;
}

/** The top-level `name:` of a Compose file: its project name. */
export function composeProjectName(file: string): string | undefined {
  return /^name: (\S+)$/m.exec(readFileSync(join(ROOT, file), 'utf8'))?.[1];
}

let composeV1: boolean | undefined;

/**
 * Compose v1 (Debian's docker-compose 1.29, our validator) predates the top-level `name:` of the Compose
 * specification that our files use, and rejects it. For v1 only, `config` reads a copy without that one line, with
 * the repository as project directory (so relative paths resolve as for the original); the names themselves are
 * checked by reading the files (composeProjectName).
 */
function composeFileArgs(file: string): string[] {
  if (composeCommand()?.[0] !== 'docker-compose' || composeProjectName(file) === undefined) return ['-f', file];
  composeV1 ??= /^1\./.test(run('docker-compose', ['version', '--short']).stdout.trim());
  if (!composeV1) return ['-f', file];
  const copy = join(scratch(), file);
  writeFileSync(copy, readFileSync(join(ROOT, file), 'utf8').replace(/^name: \S+\n/m, ''));
  return ['--project-directory', ROOT, '-f', copy];
}

/** `docker-compose -f <file> config` with an empty env file (so a stray .env cannot change the result). */
export function composeConfig(file: string, env: Record<string, string> = {}, extraArgs: string[] = []) {
  const compose = composeCommand();
  if (!compose) throw new Error('Compose is not installed');
  const [command, ...prefix] = compose;
  const emptyEnvFile = join(scratch(), 'empty.env');
  if (!existsSync(emptyEnvFile)) writeFileSync(emptyEnvFile, '');
  return run(command, [...prefix, '--env-file', emptyEnvFile, ...composeFileArgs(file), ...extraArgs, 'config'], {
    env: composeEnv(env),
  });
}

/**
 * The `environment` of each service in the output of `docker-compose config` (canonical YAML: two-space
 * indentation, anchors and merges resolved), with each service's image and build target.
 */
export function servicesOf(config: string) {
  const services = new Map<string, { image?: string; target?: string; environment: Map<string, string> }>();
  let inServices = false;
  let current: string | undefined;
  let block: string | undefined;
  for (const line of config.split('\n')) {
    if (/^\S/.test(line)) {
      inServices = line.startsWith('services:');
      current = undefined;
      continue;
    }
    if (!inServices) continue;
    const service = /^ {2}([\w.-]+):\s*$/.exec(line);
    if (service?.[1]) {
      current = service[1];
      services.set(current, { environment: new Map() });
      block = undefined;
      continue;
    }
    if (!current) continue;
    const entry = services.get(current);
    if (!entry) continue;
    const key = /^ {4}([\w.-]+):\s*(.*)$/.exec(line);
    if (key?.[1]) {
      block = key[1];
      if (block === 'image') entry.image = unquote(key[2] ?? '');
      continue;
    }
    const nested = /^ {6}([\w.-]+):\s*(.*)$/.exec(line);
    if (nested?.[1] && block === 'environment') entry.environment.set(nested[1], unquote(nested[2] ?? ''));
    if (nested?.[1] === 'target' && block === 'build') entry.target = unquote(nested[2] ?? '');
  }
  return services;
}

export interface PublishedPort {
  /** The host address the port is bound to; undefined: every address of the host. */
  hostIp?: string;
  published: string;
}

/**
 * The published ports of each service in the output of `docker-compose config`: the short form
 * (`127.0.0.1:3000:3000/tcp`) or the long one (`- published: 80` / `target: 8080` / `host_ip: ...`).
 */
export function publishedPortsOf(config: string): Map<string, PublishedPort[]> {
  const ports = new Map<string, PublishedPort[]>();
  let inServices = false;
  let service: PublishedPort[] | undefined;
  let inPorts = false;
  for (const line of config.split('\n')) {
    if (/^\S/.test(line)) {
      inServices = line.startsWith('services:');
      continue;
    }
    const name = /^ {2}([\w.-]+):\s*$/.exec(line)?.[1];
    if (inServices && name) {
      service = [];
      ports.set(name, service);
      inPorts = false;
    } else if (/^ {4}[^\s-]/.test(line)) {
      inPorts = /^ {4}ports:/.test(line);
    } else if (service && inPorts) {
      const short = /^ {4}- (?:([\d.]+):)?(\d+):\d+(?:\/\w+)?$/.exec(line);
      if (short) service.push({ hostIp: short[1], published: short[2] ?? '' });
      const field = /^ {4}(- | {2})(\w+): '?([^']*)'?$/.exec(line);
      if (field?.[1] === '- ') service.push({ published: '' });
      const entry = service.at(-1);
      if (field && entry && field[2] === 'published') entry.published = field[3] ?? '';
      if (field && entry && field[2] === 'host_ip') entry.hostIp = field[3];
    }
  }
  return ports;
}

/** The Docker names of the named volumes in the output of `docker-compose config` (their `name:`). */
export function volumeNamesOf(config: string): string[] {
  const section = /^volumes:\n((?: {2}.*\n)*)/m.exec(config)?.[1] ?? '';
  return [...section.matchAll(/^ {4}name: (\S+)$/gm)].map((match) => unquote(match[1] ?? ''));
}

/** The keys of a top-level mapping (`data:`, `stringData:`) of a one-document Kubernetes YAML file. */
export function topLevelMappingKeys(yaml: string, mapping: string): string[] {
  const keys: string[] = [];
  let inside = false;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) {
      inside = line.startsWith(`${mapping}:`);
      continue;
    }
    const key = /^ {2}([A-Za-z_][A-Za-z0-9_]*):/.exec(line);
    if (inside && key?.[1]) keys.push(key[1]);
  }
  return keys;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return /^(['"]).*\1$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}
