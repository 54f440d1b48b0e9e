import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_SIGNING_SECRETS } from './signing-secrets';

const BACKEND_DIR = join(__dirname, '..', '..');
const REPO_ROOT = join(BACKEND_DIR, '..');

/**
 * A checkout of the backend at `clone` (hard links to the same files, so it is quick), to run with its own
 * backend/.env or in a folder of its own. Its dependencies are either the same files hard-linked into the clone, so
 * that every path the process touches lies inside it, or a symlink to ours.
 */
export function cloneBackend(clone: string, dependencies: 'hard-linked' | 'symlinked'): string {
  const backendDir = join(clone, 'backend');
  mkdirSync(backendDir, { recursive: true });
  for (const [from, to] of [
    [REPO_ROOT, clone],
    [BACKEND_DIR, backendDir],
  ] as const) {
    if (dependencies === 'hard-linked') execFileSync('cp', ['-al', join(from, 'node_modules'), to]);
    else symlinkSync(join(from, 'node_modules'), join(to, 'node_modules'));
  }
  for (const entry of ['src', 'prisma', 'package.json', 'tsconfig.json']) {
    execFileSync('cp', ['-al', join(BACKEND_DIR, entry), backendDir]);
  }
  // The workspace packages: node_modules/@messenger/* are relative symlinks to them.
  execFileSync('cp', ['-al', join(REPO_ROOT, 'packages'), clone]);
  return backendDir;
}

/** Variables for the backend process on top of the test's own environment; `undefined` unsets one. */
export type BackendEnv = Record<string, string | undefined>;

export interface BackendProcessOptions {
  /** The backend folder to run (a copy of the repository elsewhere); default: this one. */
  backendDir?: string;
  /** Collects what the process prints (stdout and stderr), line by line. */
  output?: string[];
  /** Command-line arguments of the script. */
  args?: string[];
  /** stdout is a pipe that nobody reads, as when a container's log reader has gone away. */
  unreadStdout?: boolean;
}

/** `src/<script>` of the backend in a process of its own, with `env` over ours. */
export function spawnBackendScript(
  script: string,
  env: BackendEnv,
  { backendDir = BACKEND_DIR, output, args = [], unreadStdout }: BackendProcessOptions = {},
): ChildProcess {
  // A reader of its own that never reads: a pipe the test process held would be read into the stream's buffer.
  const stalledReader = unreadStdout ? spawn('sleep', ['600'], { stdio: ['pipe', 'ignore', 'ignore'] }) : undefined;
  const child = spawn(
    process.execPath,
    ['--conditions=@messenger/source', '--import', 'tsx', join('src', script), ...args],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        HOST: '127.0.0.1',
        FRONTEND_DIST: '',
        // Registrations are counted per address in the one shared Redis, across test files and runs (see test-server.ts).
        REGISTRATION_RATE_LIMIT_PER_HOUR: '1000000',
        ...TEST_SIGNING_SECRETS,
        ...env,
      },
      stdio: output ? ['ignore', 'pipe', 'pipe'] : stalledReader ? ['ignore', stalledReader.stdin, 'ignore'] : 'ignore',
    },
  );
  if (stalledReader) child.once('exit', () => stalledReader.kill());
  const collect = (chunk: Buffer) => output?.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return child;
}

/** Resolves with the exit code once the process is gone. */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', resolve));
}

/**
 * The backend as production starts it (`src/main.ts` in a process of its own) on 127.0.0.1:`port`, resolved once
 * /ready answers; rejected if the process exits first or is not ready within `readyWithinMs`.
 */
export async function startBackendProcess(
  port: number,
  env: BackendEnv,
  options: BackendProcessOptions & { readyWithinMs?: number } = {},
): Promise<ChildProcess> {
  const child = spawnBackendScript('main.ts', { PORT: String(port), ...env }, options);
  const deadline = Date.now() + (options.readyWithinMs ?? 20_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the backend on port ${port} exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the backend on port ${port} did not become ready`);
}

/** A backend start expected to fail: its exit code and what it wrote to stderr (killed if still up after 20 s). */
export function runFailingBackend(
  env: BackendEnv,
  { backendDir }: { backendDir?: string } = {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawnBackendScript('main.ts', { PORT: '0', ...env }, { backendDir, output: [] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timeout);
      resolve({ code, stderr });
    }),
  );
}

/** SIGTERM, as an orchestrator stops it; resolves with the exit code once it is gone. */
export function stopBackendProcess(child: ChildProcess): Promise<number | null> {
  const exited = exitOf(child);
  if (child.exitCode === null) child.kill('SIGTERM');
  return exited;
}
