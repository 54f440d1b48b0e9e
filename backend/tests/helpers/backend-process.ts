import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BACKEND_DIR = join(__dirname, '..', '..');

/**
 * The backend as production starts it (`src/main.ts` in a process of its own) on 127.0.0.1:`port`, resolved once
 * /ready answers; rejected if the process exits first or is not ready within 20 s.
 */
export async function startBackendProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: BACKEND_DIR,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', FRONTEND_DIST: '', ...env },
    stdio: 'ignore',
  });
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

/** SIGTERM, as an orchestrator stops it; resolves with the exit code once it is gone. */
export function stopBackendProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}
