import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_KEYS, loadConfig } from '../../src/config/env';
import {
  composeCommand,
  composeConfig,
  DEV_TEST_ENV,
  itWithTool,
  PROD_TEST_ENV,
  ROOT,
  servicesOf,
  topLevelMappingKeys,
} from './tools';

/**
 * The deployment files and backend/.env.example name exactly the environment variables of the backend's
 * configuration schema (backend/src/config/env.ts): a renamed or misspelt variable fails here instead of being
 * silently ignored by a running server.
 */

const SCHEMA = [...ENV_KEYS].sort();

/** What every multi-instance deployment must set explicitly (the defaults suit only a single local node). */
const DEPLOYMENT_KEYS = [
  'NODE_ENV',
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'JWT_REFRESH_SECRET',
  'STORAGE_DRIVER',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY',
  'S3_SECRET_KEY',
  'S3_BUCKET',
  'FRONTEND_URL',
];

/**
 * Variables of the infrastructure containers (PostgreSQL, Redis) kept in the same k8s Secret. SeaweedFS reads the
 * backend's own S3_ACCESS_KEY / S3_SECRET_KEY.
 */
const INFRASTRUCTURE_KEYS = ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'REDIS_PASSWORD'];

const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');

it('reads the schema: every variable of backend/src/config/env.ts', () => {
  expect(SCHEMA).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'S3_ENDPOINT', 'PORT']));
  expect(SCHEMA.length).toBeGreaterThanOrEqual(20);
});

it('backend/.env.example names every variable of the schema (set or commented out) and no other', () => {
  const names = [...read('backend', '.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
  expect(new Set(names).size).toBe(names.length);
  expect([...names].sort()).toEqual(SCHEMA);
});

it('k8s ConfigMap + Secret name only schema variables (besides the infrastructure ones), each in one place', () => {
  const configMap = topLevelMappingKeys(read('k8s', 'configmap.yaml'), 'data');
  const secret = topLevelMappingKeys(read('k8s', 'secret.example.yaml'), 'stringData');
  expect(configMap.filter((key) => secret.includes(key))).toEqual([]);
  const backend = [...configMap, ...secret].filter((key) => !INFRASTRUCTURE_KEYS.includes(key));
  expect(backend.filter((key) => !SCHEMA.includes(key))).toEqual([]);
  expect(DEPLOYMENT_KEYS.filter((key) => !backend.includes(key))).toEqual([]);
  // Secrets belong in the Secret.
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'JWT_REFRESH_SECRET', 'S3_SECRET_KEY'])
    expect(secret).toContain(key);
  // The Deployment and the migration Job read both.
  for (const file of ['backend-deployment.yaml', 'migrate-job.yaml']) {
    const manifest = read('k8s', file);
    expect(manifest).toMatch(/configMapRef:\n\s*name: chat-app-config/);
    expect(manifest).toMatch(/secretRef:\n\s*name: chat-app-secrets/);
  }
});

const itCompose = itWithTool(
  composeCommand() !== undefined,
  'Compose is not installed: apt-get install docker-compose',
);

itCompose('every backend container of docker-compose*.yml is given only schema variables, and all it needs', () => {
  for (const [file, env] of [
    ['docker-compose.yml', DEV_TEST_ENV],
    ['docker-compose.prod.yml', PROD_TEST_ENV],
  ] as const) {
    const result = composeConfig(file, env);
    expect(result.stderr).not.toMatch(/ERROR/);
    const backends = [...servicesOf(result.stdout)].filter(([, service]) => service.target === 'runtime');
    expect(backends.map(([name]) => name)).toEqual(expect.arrayContaining(['backend', 'migrate']));
    for (const [name, service] of backends) {
      const keys = [...service.environment.keys()];
      expect({ file, name, unknown: keys.filter((key) => !SCHEMA.includes(key)) }).toEqual({ file, name, unknown: [] });
      expect({ file, name, missing: DEPLOYMENT_KEYS.filter((key) => !keys.includes(key)) }).toEqual({
        file,
        name,
        missing: [],
      });
    }
  }
});

it('the configuration the deployments give is accepted by the schema (production secrets rules included)', () => {
  const secret = Object.fromEntries(
    [...read('k8s', 'secret.example.yaml').matchAll(/^ {2}([A-Z][A-Z0-9_]*): (.*)$/gm)].map((m) => [m[1], m[2]]),
  );
  const configMap = Object.fromEntries(
    [...read('k8s', 'configmap.yaml').matchAll(/^ {2}([A-Z][A-Z0-9_]*): (.*)$/gm)].map((m) => [
      m[1],
      (m[2] ?? '').replace(/^'(.*)'$/, '$1'),
    ]),
  );
  // The example secrets are placeholders that production must refuse; with real ones the rest is valid.
  expect(() => loadConfig({ ...configMap, ...secret })).toThrow(/JWT_SECRET/);
  const config = loadConfig({
    ...configMap,
    ...secret,
    JWT_SECRET: PROD_TEST_ENV.JWT_SECRET,
    JWT_REFRESH_SECRET: PROD_TEST_ENV.JWT_REFRESH_SECRET,
  });
  expect(config.NODE_ENV).toBe('production');
  expect(config.storageDriver).toBe('s3');
});
