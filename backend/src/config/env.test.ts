import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('runs with no configuration at all on embedded defaults', () => {
    const config = loadConfig({});
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
  });

  it('reads the seed README variables', () => {
    const config = loadConfig({
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
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(20);
    expect(loadConfig({ DATABASE_POOL_SIZE: '50' }).DATABASE_POOL_SIZE).toBe(50);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', JWT_ACCESS_EXPIRY: 'soon' })).toThrow(/PORT[\s\S]*JWT_ACCESS_EXPIRY/);
  });

  it('refuses to start in production with the example secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'your-secret-key-change-in-production',
        JWT_REFRESH_SECRET: 'x'.repeat(32),
      }),
    ).toThrow(/JWT_SECRET/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(31), JWT_REFRESH_SECRET: 'b'.repeat(32) }),
    ).toThrow(/JWT_SECRET: must be a strong secret of at least 32 bytes/);
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(32), JWT_REFRESH_SECRET: 'b'.repeat(32) }).NODE_ENV,
    ).toBe('production');
  });
});
