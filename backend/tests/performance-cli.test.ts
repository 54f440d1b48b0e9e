import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { useTestServer } from './helpers/test-server';

const server = useTestServer({ RATE_LIMIT_ENABLED: 'false' });
const CLI = join(__dirname, '..', '..', 'tools', 'performance-test', 'src', 'index.ts');

function runCli(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

it('load-tests a running messenger and reports against the targets (the README command)', async () => {
  const env = { TARGET_URL: server.url, NUM_USERS: '10', MSG_PER_SEC: '20', DURATION: '2' };
  const first = await runCli(env);
  expect(first.output).toContain('messages sent 40, acknowledged 40, delivered 40, failed 0');
  expect(first.output).toMatch(/✓ delivered\s+100\.00 %/);
  expect(first.code).toBe(0);
  // A second run signs the same users in again instead of registering them.
  const second = await runCli(env);
  expect(second.output).toContain('delivered 40');
  expect(await server.prisma.user.count({ where: { username: { startsWith: 'perf_' } } })).toBe(10);
}, 60_000);

it('refuses nonsense settings with a clear message', async () => {
  const { code, output } = await runCli({ TARGET_URL: server.url, NUM_USERS: 'many' });
  expect(code).toBe(2);
  expect(output).toContain('NUM_USERS must be a positive number');
});
