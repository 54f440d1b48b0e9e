import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BACKEND_DIR = join(__dirname, '..', '..');

export interface BackendProcessOptions {
  /** The backend folder to run (a copy of the repository elsewhere); default: this one. */
  backendDir?: string;
  /** Collects what the process prints (stdout and stderr), line by line. */
  output?: string[];
}

/** `src/<script>` of the backend in a process of its own, with `env` over ours. */
export function spawnBackendScript(
  script: string,
  env: Record<string, string>,
  { backendDir = BACKEND_DIR, output }: BackendProcessOptions = {},
): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join('src', script)], {
    cwd: backendDir,
    env: { ...process.env, NODE_OPTIONS: '', FRONTEND_DIST: '', ...env },
    stdio: output ? ['ignore', 'pipe', 'pipe'] : 'ignore',
  });
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
  env: Record<string, string>,
  options: BackendProcessOptions & { readyWithinMs?: number } = {},
): Promise<ChildProcess> {
  const child = spawnBackendScript('main.ts', { PORT: String(port), HOST: '127.0.0.1', ...env }, options);
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

/** SIGTERM, as an orchestrator stops it; resolves with the exit code once it is gone. */
export function stopBackendProcess(child: ChildProcess): Promise<number | null> {
  const exited = exitOf(child);
  if (child.exitCode === null) child.kill('SIGTERM');
  return exited;
}
