import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env';
import {
  composeCommand,
  composeConfig,
  composeProjectName,
  DEV_TEST_ENV,
  itWithTool,
  PROD_TEST_ENV,
  publishedPortsOf,
  ROOT,
  run,
  servicesOf,
  volumeNamesOf,
} from './tools';

/**
 * Every Compose file is valid (`docker-compose config -q`: schema, interpolation, references) and keeps the
 * promises docs/deployment.md makes about it. No Docker engine is needed: `config` only reads the files.
 */
const itCompose = itWithTool(
  composeCommand() !== undefined,
  'Compose is not installed: apt-get install docker-compose',
);

const config = (file: string, env: Record<string, string> = {}, args: string[] = []) => {
  const result = composeConfig(file, env, args);
  if (result.status !== 0) throw new Error(`${file}: ${result.stderr || result.stdout}`);
  return result.stdout;
};

describe('docker-compose files', () => {
  itCompose('docker-compose.yml is valid, with every profile', () => {
    config('docker-compose.yml', DEV_TEST_ENV);
    config('docker-compose.yml', DEV_TEST_ENV, ['--profile', 'monitoring']);
  });

  itCompose(
    'docker-compose.yml signs with the random secrets scripts/dev-env.sh writes to .env (and Grafana with its password), and asks for them',
    () => {
      for (const name of Object.keys(DEV_TEST_ENV)) {
        const result = composeConfig('docker-compose.yml', { ...DEV_TEST_ENV, [name]: '' });
        expect({ name, status: result.status }).toEqual({ name, status: 1 });
        expect(result.stderr).toContain(`set ${name} in .env - run scripts/dev-env.sh`);
      }

      const dir = mkdtempSync(join(tmpdir(), 'messenger-dev-env-'));
      try {
        const envFile = join(dir, '.env');
        expect(run('bash', [join(ROOT, 'scripts', 'dev-env.sh'), envFile]).status).toBe(0);
        const written = readFileSync(envFile, 'utf8');
        expect(run('bash', [join(ROOT, 'scripts', 'dev-env.sh'), envFile]).status).toBe(0);
        expect(readFileSync(envFile, 'utf8')).toBe(written);
        const env = Object.fromEntries([...written.matchAll(/^(\w+)=(.*)$/gm)].map((match) => [match[1], match[2]]));
        expect(Object.keys(env).sort()).toEqual(['GRAFANA_ADMIN_PASSWORD', 'JWT_REFRESH_SECRET', 'JWT_SECRET']);
        // Accepted by the server, and what both backends and the migration get.
        const { JWT_SECRET, JWT_REFRESH_SECRET } = env;
        expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET, JWT_REFRESH_SECRET })).toMatchObject({
          JWT_SECRET,
          JWT_REFRESH_SECRET,
        });
        for (const [name, service] of servicesOf(config('docker-compose.yml', env))) {
          if (service.target !== 'runtime') continue;
          expect({ name, JWT_SECRET: service.environment.get('JWT_SECRET') }).toEqual({
            name,
            JWT_SECRET: env.JWT_SECRET,
          });
          expect(service.environment.get('JWT_REFRESH_SECRET')).toBe(env.JWT_REFRESH_SECRET);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  itCompose('publishes every port on 127.0.0.1 only, but nginx on 80 and 443 in the full and production stacks', () => {
    for (const [file, env] of [
      ['docker-compose.yml', DEV_TEST_ENV],
      ['docker-compose.dev.yml', {}],
      ['docker-compose.prod.yml', PROD_TEST_ENV],
    ] as const) {
      const published = publishedPortsOf(config(file, env, ['--profile', 'monitoring']));
      expect(published.size).toBeGreaterThanOrEqual(3);
      for (const [service, ports] of published) {
        for (const { hostIp, published: port } of ports) {
          const publicEdge =
            file !== 'docker-compose.dev.yml' && service === 'frontend' && ['80', '443'].includes(port);
          expect({ file, service, port, hostIp }).toEqual({
            file,
            service,
            port,
            hostIp: publicEdge ? undefined : '127.0.0.1',
          });
        }
      }
    }
  });

  itCompose('docker-compose.dev.yml is valid', () => {
    config('docker-compose.dev.yml');
  });

  itCompose('docker-compose.prod.yml is valid once its required variables are set, with every profile', () => {
    config('docker-compose.prod.yml', PROD_TEST_ENV);
    config('docker-compose.prod.yml', PROD_TEST_ENV, ['--profile', 'monitoring']);
  });

  itCompose('docker-compose.prod.yml has no default secrets: each required variable, when unset, stops Compose', () => {
    for (const name of Object.keys(PROD_TEST_ENV)) {
      const env = Object.fromEntries(Object.entries(PROD_TEST_ENV).filter(([key]) => key !== name));
      const result = composeConfig('docker-compose.prod.yml', env);
      expect({ name, status: result.status }).toEqual({ name, status: 1 });
      expect(result.stderr).toContain(name);
    }
  });

  itCompose(
    'the full stack starts in order: one-shot migrate, S3 with its bucket, then the backends, then nginx',
    () => {
      for (const [file, env] of [
        ['docker-compose.yml', DEV_TEST_ENV],
        ['docker-compose.prod.yml', PROD_TEST_ENV],
      ] as const) {
        const text = config(file, env);
        const services = servicesOf(text);
        expect([...services.keys()]).toEqual(
          expect.arrayContaining(['postgres', 'redis', 'seaweedfs', 'migrate', 'backend', 'frontend']),
        );
        expect(services.get('migrate')?.target).toBe('runtime');
        expect(services.get('frontend')?.target).toBe('frontend');
        const block = (name: string) => {
          const match = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(text);
          return match?.[1] ?? '';
        };
        expect(block('migrate')).toMatch(/command:\n\s*- node\n\s*- backend\/dist\/db\/migrate\.cli\.js/);
        expect(block('backend')).toMatch(/migrate:\n\s*condition: service_completed_successfully/);
        expect(block('backend')).toMatch(/seaweedfs:\n\s*condition: service_healthy/);
        expect(block('backend')).toMatch(/redis:\n\s*condition: service_healthy/);
        expect(block('backend')).toContain('healthcheck:');
        expect(block('migrate')).toMatch(/postgres:\n\s*condition: service_healthy/);
        expect(block('frontend')).toMatch(/backend:\n\s*condition: service_healthy/);
      }
    },
  );

  itCompose('production: restart policies, resource limits, log rotation, volumes and AOF + RDB', () => {
    const text = config('docker-compose.prod.yml', PROD_TEST_ENV, ['--profile', 'monitoring']);
    const names = [...servicesOf(text).keys()];
    for (const name of names) {
      const block = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(text)?.[1] ?? '';
      expect({ name, logging: /max-size: 10m/.test(block) }).toEqual({ name, logging: true });
      if (name !== 'migrate') {
        expect({ name, restart: /restart: unless-stopped/.test(block) }).toEqual({ name, restart: true });
        expect({ name, limits: /limits:\n\s*cpus:/.test(block) }).toEqual({ name, limits: true });
      }
    }
    expect(text).toMatch(/replicas: 2/);
    expect(text).toMatch(/--appendonly yes/);
    expect(text).toMatch(/--save 900 1/);
    expect(text).toMatch(/nginx-tls\.conf/);
    for (const volume of ['postgres_data', 'redis_data', 'seaweedfs_data'])
      expect(text).toMatch(new RegExp(`^  ${volume}:\\n    name: messenger-prod_${volume}$`, 'm'));
    // No port of the database, cache or storage is published in production.
    for (const name of ['postgres', 'redis', 'seaweedfs']) {
      const block = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(text)?.[1] ?? '';
      expect({ name, published: /ports:/.test(block) }).toEqual({ name, published: false });
    }
  });

  it('every shipped Redis caps its memory and evicts only keys with a TTL (docs/deployment.md, "Redis memory")', () => {
    for (const file of [
      'docker-compose.yml',
      'docker-compose.dev.yml',
      'docker-compose.prod.yml',
      'docker-compose.cluster.yml',
      'k8s/redis-statefulset.yaml',
      'k8s-redis-cluster/redis-cluster.yaml',
    ]) {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/['",\s]+/g, ' ');
      expect({ file, maxmemory: /--maxmemory \d+mb /.test(text) }).toEqual({ file, maxmemory: true });
      expect({ file, policy: /--maxmemory-policy volatile-lru /.test(text) }).toEqual({ file, policy: true });
    }
  });

  itCompose('docker-compose.cluster.yml turns production’s Redis into a cluster of six nodes the backends use', () => {
    const text = config('docker-compose.prod.yml', PROD_TEST_ENV, ['-f', 'docker-compose.cluster.yml']);
    const services = servicesOf(text);
    const nodes = ['redis', 'redis-2', 'redis-3', 'redis-4', 'redis-5', 'redis-6'];
    const block = (name: string) => new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(text)?.[1] ?? '';
    for (const name of [...nodes, 'redis-cluster']) {
      expect({ name, image: services.get(name)?.image }).toEqual({ name, image: 'redis:7-alpine' });
      expect({ name, logging: /max-size: 10m/.test(block(name)), published: /ports:/.test(block(name)) }).toEqual({
        name,
        logging: true,
        published: false,
      });
    }
    for (const name of nodes) {
      const node = block(name).replace(/\s+/g, ' ');
      for (const setting of ['--cluster-enabled yes', '--masterauth', '--requirepass', '--appendonly yes'])
        expect({ name, setting, set: node.includes(setting) }).toEqual({ name, setting, set: true });
      expect(node).toContain(`NODE_NAME: ${name}`);
      expect(node).toMatch(/restart: unless-stopped/);
      expect(node).toMatch(/limits: cpus:/);
      expect(node).toMatch(/- (redis|redis_\d)_data:\/data/);
    }
    expect(block('redis-cluster').replace(/\s+/g, ' ')).toContain('--cluster create $$nodes --cluster-replicas 1');
    for (const name of ['backend', 'migrate']) {
      const environment = Object.fromEntries(services.get(name)?.environment ?? []);
      expect({ name, REDIS_URL: environment.REDIS_URL }).toEqual({ name, REDIS_URL: '' });
      // What the backend reads of it: a cluster of the nodes above, with their password; REDIS_URL counts as unset.
      const loaded = loadConfig(environment);
      expect(loaded.REDIS_URL).toBeUndefined();
      expect(loaded.REDIS_CLUSTER_NODES?.every(({ host, port }) => nodes.includes(host) && port === 6379)).toBe(true);
      expect(loaded.REDIS_CLUSTER_PASSWORD).toBe(PROD_TEST_ENV.REDIS_PASSWORD);
    }
    expect(block('backend')).toMatch(/redis-cluster:\n\s*condition: service_completed_successfully/);
    for (const index of [2, 3, 4, 5, 6])
      expect(text).toMatch(new RegExp(`^  redis_${index}_data:\\n    name: messenger-prod_redis_${index}_data$`, 'm'));
  });

  it('docker-compose.dev.yml offers the services backend/.env.example points at, with the same credentials', () => {
    const dev = readFileSync(join(ROOT, 'docker-compose.dev.yml'), 'utf8');
    const example = Object.fromEntries(
      [...readFileSync(join(ROOT, 'backend', '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(
        (match) => [match[1], match[2]],
      ),
    );
    const value = (pattern: RegExp) => pattern.exec(dev)?.[1];
    const database = new URL(example.DATABASE_URL ?? '');
    expect(database.hostname).toBe('localhost');
    expect(value(/POSTGRES_USER: (\S+)/)).toBe(database.username);
    expect(value(/POSTGRES_PASSWORD: (\S+)/)).toBe(database.password);
    expect(value(/POSTGRES_DB: (\S+)/)).toBe(database.pathname.slice(1));
    expect(dev).toContain(`'127.0.0.1:${database.port}:5432'`);
    const redis = new URL(example.REDIS_URL ?? '');
    expect(value(/--requirepass',\s*'([^']+)'/)).toBe(redis.password);
    expect(dev).toContain(`'127.0.0.1:${redis.port}:6379'`);
    expect(value(/AWS_ACCESS_KEY_ID: (\S+)/)).toBe(example.S3_ACCESS_KEY);
    expect(value(/AWS_SECRET_ACCESS_KEY: (\S+)/)).toBe(example.S3_SECRET_KEY);
    expect(dev).toContain(`'127.0.0.1:${new URL(example.S3_ENDPOINT ?? '').port}:8333'`);
    expect(dev).toContain(`- -bucket=${example.S3_BUCKET}`);
  });

  itCompose(
    'docker-compose.yml and docker-compose.dev.yml share no project and no volume (down -v stays local)',
    () => {
      const files = ['docker-compose.yml', 'docker-compose.dev.yml', 'docker-compose.prod.yml'];
      const names = files.map((file) => composeProjectName(file));
      expect(names).toEqual(['messenger', 'messenger-dev', 'messenger-prod']);
      const volumes = files.map((file) =>
        volumeNamesOf(config(file, file.includes('prod') ? PROD_TEST_ENV : DEV_TEST_ENV, ['--profile', 'monitoring'])),
      );
      files.forEach((file, index) => {
        // Every named volume has an explicit Docker name, prefixed by its file's project.
        const declared =
          readFileSync(join(ROOT, file), 'utf8')
            .split(/^volumes:$/m)[1]
            ?.match(/^ {2}\w+:$/gm) ?? [];
        expect({ file, named: volumes[index]?.length }).toEqual({ file, named: declared.length });
        for (const volume of volumes[index] ?? []) expect(volume.startsWith(`${names[index]}_`)).toBe(true);
      });
      const all = volumes.flat();
      expect(new Set(all).size).toBe(all.length);
    },
  );

  it('.env.prod.example lists exactly the variables docker-compose.prod.yml requires, empty, and its optional ones', () => {
    const prod = readFileSync(join(ROOT, 'docker-compose.prod.yml'), 'utf8');
    const required = [...new Set([...prod.matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((match) => match[1]))].sort();
    const optional = [...new Set([...prod.matchAll(/\$\{([A-Z][A-Z0-9_]*):-/g)].map((match) => match[1]))].sort();
    const example = readFileSync(join(ROOT, '.env.prod.example'), 'utf8');
    const set = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)];
    expect(set.map((match) => match[1]).sort()).toEqual(required);
    // Empty, so that a copy not filled in stops Compose instead of starting with a placeholder secret.
    for (const match of set) expect({ name: match[1], value: match[2] }).toEqual({ name: match[1], value: '' });
    expect([...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort()).toEqual(optional);
    // The tests' stand-in values cover the same variables.
    expect(Object.keys(PROD_TEST_ENV).sort()).toEqual(required);
  });
});
