import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestServer } from '../helpers/test-server';

const CLI = join(__dirname, '..', '..', '..', 'tools', 'performance-test', 'src', 'index.ts');
// Absolute, because the CLI runs in a temporary directory where `--import tsx` would not resolve.
const TSX = pathToFileURL(require.resolve('tsx')).href;

export interface CliRun {
  code: number | null;
  output: string;
  cwd: string;
}

/**
 * Runs the real performance CLI as a child process against the test server, each time in a fresh working
 * directory (where it keeps its world file) unless given one; the directories go after the file's last test.
 */
export function cliRunner(server: Pick<TestServer, 'url'>) {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return (
    args: string[],
    env: Record<string, string> = {},
    cwd = mkdtempSync(join(tmpdir(), 'perf-cli-')),
  ): Promise<CliRun> => {
    dirs.push(cwd);
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--conditions=@messenger/source', '--import', TSX, CLI, ...args], {
        cwd,
        env: { ...process.env, NODE_OPTIONS: '', TARGET_URL: server.url, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => resolve({ code, output, cwd }));
    });
  };
}
