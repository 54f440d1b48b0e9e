import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadEnv, PUBLISHED_SECRETS } from './env';
import { withStoredSecrets } from './secrets';

const strongSecret = () => randomBytes(32).toString('base64url');
const SECRETS = { JWT_SECRET: strongSecret(), JWT_REFRESH_SECRET: strongSecret() };

describe('loadConfig', () => {
  it('runs with no configuration at all on embedded defaults', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'messenger-config-'));
    try {
      // What main.ts does: signing secrets come from the data folder when the environment has none.
      const config = loadConfig(withStoredSecrets({ DATA_DIR: dataDir }).env);
      expect(config).toMatchObject({
        PORT: 3000,
        storageDriver: 'local',
        JWT_ACCESS_EXPIRY: 15 * 60_000,
        JWT_REFRESH_EXPIRY: 7 * 86_400_000,
        BCRYPT_ROUNDS: 12,
        RATE_LIMIT_ENABLED: true,
      });
      expect(config.DATABASE_URL).toBeUndefined();
      expect(config.REDIS_URL).toBeUndefined();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reads the seed README variables', () => {
    const config = loadConfig({
      ...SECRETS,
      PORT: '8080',
      DATABASE_URL: 'postgresql://chatuser:chatpass@localhost:5432/chatapp',
      REDIS_URL: 'redis://:redispass@localhost:6379',
      JWT_ACCESS_EXPIRY: '30s',
      JWT_REFRESH_EXPIRY: '2h',
      S3_ENDPOINT: 'http://localhost:9000',
      RATE_LIMIT_ENABLED: 'false',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      JWT_ACCESS_EXPIRY: 30_000,
      JWT_REFRESH_EXPIRY: 7_200_000,
      storageDriver: 's3',
      RATE_LIMIT_ENABLED: false,
    });
  });

  it('sizes the database pool: 20 connections unless told otherwise', () => {
    expect(loadEnv({}).DATABASE_POOL_SIZE).toBe(20);
    expect(loadEnv({ DATABASE_POOL_SIZE: '50' }).DATABASE_POOL_SIZE).toBe(50);
    expect(() => loadEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(ConfigError);
    expect(() => loadEnv({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('budgets 256 MB of uploads under way unless told otherwise, never less than one file of the largest size', () => {
    expect(loadEnv({}).UPLOAD_MEMORY_BUDGET_MB).toBe(256);
    expect(loadEnv({ UPLOAD_MEMORY_BUDGET_MB: '64' }).UPLOAD_MEMORY_BUDGET_MB).toBe(64);
    expect(() => loadEnv({ UPLOAD_MEMORY_BUDGET_MB: '24' })).toThrow(/UPLOAD_MEMORY_BUDGET_MB: must be at least 25/);
    expect(() => loadEnv({ UPLOAD_MEMORY_BUDGET_MB: 'lots' })).toThrow(/UPLOAD_MEMORY_BUDGET_MB/);
  });

  it('ends uploads slower than 4 KiB/s over 20 s unless told otherwise, with a window of 1 to 300 s', () => {
    expect(loadEnv({})).toMatchObject({ UPLOAD_MIN_BYTES_PER_SECOND: 4096, UPLOAD_RATE_WINDOW_SECONDS: 20 });
    expect(loadEnv({ UPLOAD_RATE_WINDOW_SECONDS: '2' }).UPLOAD_RATE_WINDOW_SECONDS).toBe(2);
    expect(() => loadEnv({ UPLOAD_RATE_WINDOW_SECONDS: '0' })).toThrow(/UPLOAD_RATE_WINDOW_SECONDS/);
    expect(() => loadEnv({ UPLOAD_RATE_WINDOW_SECONDS: '301' })).toThrow(/UPLOAD_RATE_WINDOW_SECONDS/);
    expect(() => loadEnv({ UPLOAD_MIN_BYTES_PER_SECOND: '0' })).toThrow(/UPLOAD_MIN_BYTES_PER_SECOND/);
  });

  it('drains for 5 s before closing sockets in production, not at all otherwise, always inside the hard exit', () => {
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'production' })).toMatchObject({
      SHUTDOWN_DRAIN_DELAY_MS: 5_000,
      SHUTDOWN_TIMEOUT_MS: 25_000,
    });
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'development' }).SHUTDOWN_DRAIN_DELAY_MS).toBe(0);
    // Empty is unset (an uncommented `SHUTDOWN_DRAIN_DELAY_MS=`), not 0.
    expect(
      loadConfig({ ...SECRETS, NODE_ENV: 'production', SHUTDOWN_DRAIN_DELAY_MS: '' }).SHUTDOWN_DRAIN_DELAY_MS,
    ).toBe(5_000);
    expect(loadConfig({ ...SECRETS, NODE_ENV: 'test', SHUTDOWN_DRAIN_DELAY_MS: '2000' }).SHUTDOWN_DRAIN_DELAY_MS).toBe(
      2_000,
    );
    expect(() => loadConfig({ ...SECRETS, NODE_ENV: 'production', SHUTDOWN_TIMEOUT_MS: '4000' })).toThrow(
      /SHUTDOWN_DRAIN_DELAY_MS: must be shorter than SHUTDOWN_TIMEOUT_MS/,
    );
  });

  it('treats an empty variable as unset', () => {
    const config = loadEnv({ DATABASE_URL: '', REDIS_URL: '', JWT_SECRET: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.JWT_SECRET).toBeUndefined();
  });

  it('reads a Redis Cluster from REDIS_CLUSTER_NODES, instead of REDIS_URL and never with it', () => {
    expect(loadEnv({ REDIS_CLUSTER_NODES: 'redis-0:6379, 10.0.0.7:7001,[::1]:7002' }).REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-0', port: 6379 },
      { host: '10.0.0.7', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(
      loadEnv({ REDIS_CLUSTER_NODES: '', REDIS_URL: 'redis://localhost:6379' }).REDIS_CLUSTER_NODES,
    ).toBeUndefined();
    expect(() => loadEnv({ REDIS_CLUSTER_NODES: 'redis-0:6379', REDIS_URL: 'redis://localhost:6379' })).toThrow(
      'REDIS_CLUSTER_NODES: set either REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both',
    );
    for (const bad of ['redis-0', 'redis-0:', 'redis-0:99999', 'redis://redis-0:6379', 'a:1,,b:2'])
      expect(() => loadEnv({ REDIS_CLUSTER_NODES: bad })).toThrow(/REDIS_CLUSTER_NODES: ".*" is not host:port/);
    expect(loadEnv({ REDIS_CLUSTER_NODES: 'a:1', REDIS_CLUSTER_PASSWORD: 'pw' }).REDIS_CLUSTER_PASSWORD).toBe('pw');
    expect(() => loadEnv({ REDIS_URL: 'redis://localhost:6379', REDIS_CLUSTER_PASSWORD: 'pw' })).toThrow(
      /REDIS_CLUSTER_PASSWORD: is the password of the REDIS_CLUSTER_NODES/,
    );
  });

  it('names every bad variable in one error', () => {
    expect(() => loadEnv({ PORT: 'eighty', JWT_ACCESS_EXPIRY: 'soon' })).toThrow(/PORT[\s\S]*JWT_ACCESS_EXPIRY/);
  });

  it('refuses, in every mode, a signing secret published in the repository or shorter than 32 bytes, naming it', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      for (const key of ['JWT_SECRET', 'JWT_REFRESH_SECRET']) {
        const refused = [...PUBLISHED_SECRETS, 'change-me-to-the-output-of-openssl-rand-base64-48', 'x'.repeat(31)];
        for (const value of refused) {
          expect(() => loadConfig({ NODE_ENV, ...SECRETS, [key]: value })).toThrow(new RegExp(`^  ${key}: `, 'm'));
        }
        expect(() => loadConfig({ NODE_ENV, ...SECRETS, [key]: PUBLISHED_SECRETS[0] })).toThrow(
          `${key}: is an example value published in the repository`,
        );
      }
      expect(loadConfig({ NODE_ENV, ...SECRETS })).toMatchObject(SECRETS);
    }
  });

  it('refuses to start in production with the example secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: must be set in production[\s\S]*JWT_REFRESH_SECRET: must be set in production/,
    );
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: SECRETS.JWT_SECRET })).toThrow(/JWT_REFRESH_SECRET/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'your-secret-key-change-in-production',
        JWT_REFRESH_SECRET: strongSecret(),
      }),
    ).toThrow(/JWT_SECRET/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(31), JWT_REFRESH_SECRET: strongSecret() }),
    ).toThrow(/JWT_SECRET: must be a random value of at least 32 bytes/);
    expect(loadConfig({ NODE_ENV: 'production', ...SECRETS }).NODE_ENV).toBe('production');
  });

  it('asks for both signing secrets: the server never signs with a default', () => {
    expect(() => loadConfig({})).toThrow(/JWT_SECRET: not set[\s\S]*JWT_REFRESH_SECRET: not set/);
    expect(() => loadConfig({ JWT_SECRET: SECRETS.JWT_SECRET })).toThrow(/JWT_REFRESH_SECRET: not set/);
  });
});
