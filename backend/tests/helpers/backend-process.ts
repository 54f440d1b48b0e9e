import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { TEST_SIGNING_SECRETS } from './signing-secrets';

const BACKEND_DIR = join(__dirname, '..', '..');

/** Variables for the backend process on top of the test's own environment; `undefined` unsets one. */
export type BackendEnv = Record<string, string | undefined>;

function spawnBackend(env: BackendEnv, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: BACKEND_DIR,
    env: { ...process.env, NODE_OPTIONS: '', HOST: '127.0.0.1', FRONTEND_DIST: '', ...TEST_SIGNING_SECRETS, ...env },
    stdio,
  });
}

/**
 * The backend as production starts it (`src/main.ts` in a process of its own) on 127.0.0.1:`port`, resolved once
 * /ready answers; rejected if the process exits first or is not ready within 20 s.
 */
export async function startBackendProcess(port: number, env: BackendEnv): Promise<ChildProcess> {
  const child = spawnBackend({ PORT: String(port), ...env }, 'ignore');
  for (let attempt = 0; attempt < 200; attempt++) {
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
export function runFailingBackend(env: BackendEnv): Promise<{ code: number | null; stderr: string }> {
  const child = spawnBackend({ PORT: '0', ...env }, ['ignore', 'ignore', 'pipe']);
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
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}
