import { freePort } from '../../tests/helpers/ports';
import { loadConfig } from './env';
import { checkConfiguredServices } from './services-reachable';

const SECRETS = { JWT_SECRET: 'a'.repeat(40) + 'services', JWT_REFRESH_SECRET: 'b'.repeat(40) + 'services' };

it('names REDIS_CLUSTER_NODES when the cluster it lists does not answer, and what to do', async () => {
  const port = await freePort();
  const config = loadConfig({ ...SECRETS, REDIS_CLUSTER_NODES: `127.0.0.1:${port},127.0.0.1:${port + 1}` });
  await expect(checkConfiguredServices(config)).rejects.toThrow(
    `REDIS_CLUSTER_NODES (set in the environment) points at 127.0.0.1:${port}, which refuses connections: start it ` +
      '(docker compose -f docker-compose.dev.yml up -d) or remove REDIS_CLUSTER_NODES to use a single node without Redis.',
  );
});

it('lets a start go on when the cluster answers', async () => {
  const config = loadConfig({ ...SECRETS, REDIS_CLUSTER_NODES: '127.0.0.1:6379' });
  await expect(checkConfiguredServices(config)).resolves.toBeUndefined();
});
