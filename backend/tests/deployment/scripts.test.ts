import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startS3 } from '../helpers/s3';
import { itWithTool, ROOT, run, which } from './tools';

/** The shell scripts of scripts/ and .ci/run: syntax (bash -n), shellcheck, and what they promise to do. */
const SCRIPTS = readdirSync(join(ROOT, 'scripts'))
  .filter((name) => name.endsWith('.sh'))
  .map((name) => join('scripts', name));
const itShellcheck = itWithTool(
  which('shellcheck') !== undefined,
  'shellcheck is not installed: apt-get install shellcheck',
);

describe('shell scripts', () => {
  it.each([...SCRIPTS, '.ci/run'])('%s passes bash -n', (script) => {
    const result = run('bash', ['-n', join(ROOT, script)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  itShellcheck('scripts/*.sh pass shellcheck (warnings and errors)', () => {
    const result = run('shellcheck', ['-S', 'warning', ...SCRIPTS.map((script) => join(ROOT, script))]);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('scripts/generate-self-signed-cert.sh writes a certificate for the given names and a private key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'messenger-cert-'));
    try {
      const result = run('bash', [
        join(ROOT, 'scripts', 'generate-self-signed-cert.sh'),
        dir,
        'chat.test',
        '127.0.0.1',
      ]);
      expect(result.status).toBe(0);
      const text = run('openssl', ['x509', '-in', join(dir, 'tls.crt'), '-noout', '-text']).stdout;
      expect(text).toMatch(/DNS:chat\.test, IP Address:127\.0\.0\.1/);
      expect(statSync(join(dir, 'tls.key')).mode & 0o077).toBe(0);
      expect(readFileSync(join(dir, 'tls.key'), 'utf8')).toMatch(/PRIVATE KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scripts/verify-dev-setup.sh prints one ✓ / ! / ✗ line per check and exits 1 exactly when one failed', () => {
    const result = run('bash', [join(ROOT, 'scripts', 'verify-dev-setup.sh')]);
    const lines = result.stdout.split('\n');
    const checks = lines.filter((line) => /^ {2}[✓!✗] /.test(line));
    expect(checks.length).toBeGreaterThanOrEqual(6);
    for (const topic of ['Node.js', 'npm', 'Docker', 'node_modules', 'PostgreSQL', 'Redis'])
      expect(checks.some((line) => line.includes(topic))).toBe(true);
    expect(result.stdout).toMatch(/Summary:/);
    const failed = checks.some((line) => line.startsWith('  ✗'));
    expect(result.status).toBe(failed ? 1 : 0);
  });

  it('scripts/verify-dev-setup.sh checks the S3 bucket with the configured key pair, as the backend will use it', async () => {
    // A real S3-protocol server in this process: the script must run asynchronously so that it can answer.
    const s3 = await startS3();
    const verify = async (settings: Record<string, string>) => {
      const env = {
        ...process.env,
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY: s3.accessKey,
        S3_SECRET_KEY: s3.secretKey,
      };
      const { stdout } = await promisify(execFile)('bash', [join(ROOT, 'scripts', 'verify-dev-setup.sh')], {
        cwd: ROOT,
        env: { ...env, ...settings },
      }).catch((error: { stdout: string }) => error);
      return stdout.split('\n').filter((line) => /S3/.test(line));
    };
    try {
      const client = new S3Client({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKey, secretAccessKey: s3.secretKey },
      });
      await client.send(new CreateBucketCommand({ Bucket: 'chat-images' }));
      expect(await verify({ S3_BUCKET: 'chat-images' })).toEqual([
        `  ✓ S3 bucket chat-images at ${s3.endpoint} answers to the key pair of S3_ACCESS_KEY`,
      ]);
      expect(await verify({ S3_BUCKET: 'no-such-bucket' })).toEqual([
        expect.stringMatching(/^ {2}! S3 at \S+ has no bucket no-such-bucket: SeaweedFS creates it at start/),
      ]);
      expect(await verify({ S3_BUCKET: 'chat-images', S3_ACCESS_KEY: 'unknown-key' })).toEqual([
        expect.stringMatching(/^ {2}! S3 at \S+ refused S3_ACCESS_KEY \/ S3_SECRET_KEY/),
      ]);
    } finally {
      await s3.stop();
    }
    expect(await verify({ S3_BUCKET: 'chat-images' })).toEqual([
      expect.stringMatching(
        /^ {2}! S3 not reachable at \S+: `docker compose -f docker-compose.dev.yml up -d seaweedfs`$/,
      ),
    ]);
  }, 60_000);

  it('scripts/redis-cluster-local.sh starts a three-master Redis Cluster and stops it, leaving nothing behind', async () => {
    const port = await freeBlock([0, 1, 2, 10_000, 10_001, 10_002]);
    const dir = mkdtempSync(join(tmpdir(), 'messenger-redis-cluster-'));
    const script = join(ROOT, 'scripts', 'redis-cluster-local.sh');
    const env = { ...process.env, PORT: String(port) };
    try {
      const started = run('bash', [script, 'start', dir], { env });
      expect(started.stdout.trim()).toBe(
        `REDIS_CLUSTER_NODES=127.0.0.1:${port},127.0.0.1:${port + 1},127.0.0.1:${port + 2}`,
      );
      expect(run('redis-cli', ['-p', String(port + 2), 'cluster', 'info']).stdout).toContain('cluster_state:ok');
    } finally {
      expect(run('bash', [script, 'stop', dir], { env }).status).toBe(0);
    }
    expect(existsSync(dir)).toBe(false);
    expect(run('redis-cli', ['-p', String(port), 'ping']).stdout).not.toContain('PONG');
  }, 30_000);
});

/** A port P such that P + each offset is free on loopback (the cluster bus listens 10,000 above each node). */
async function freeBlock(offsets: number[]): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await Promise.all(offsets.map((offset) => free(port + offset)))).every(Boolean)) return port;
  }
}
