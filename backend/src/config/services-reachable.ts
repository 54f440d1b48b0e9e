import { connect } from 'node:net';
import { StartupError } from '../lib/startup-error';
import { settingSource } from './dotenv';
import type { Config } from './env';

const CONNECT_TIMEOUT_MS = 3_000;

/** The configured services, their default ports, and what `npm start` uses instead when the setting is removed. */
const SERVICES = [
  { key: 'DATABASE_URL', defaultPort: 5432, fallback: 'the embedded database' },
  { key: 'REDIS_URL', defaultPort: 6379, fallback: 'a single node without Redis' },
  { key: 'S3_ENDPOINT', defaultPort: 80, fallback: 'images on disk under DATA_DIR' },
] as const;

/** Undefined when something accepts a TCP connection at host:port, otherwise why not ("refuses connections"). */
function unreachable(host: string, port: number): Promise<string | undefined> {
  return new Promise((settle) => {
    const socket = connect({ host, port, timeout: CONNECT_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      settle(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      settle('does not answer');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      settle(
        error.code === 'ECONNREFUSED' ? 'refuses connections' : `cannot be reached (${error.code ?? error.message})`,
      );
    });
  });
}

/**
 * A development start with DATABASE_URL, REDIS_URL (or REDIS_CLUSTER_NODES) or S3_ENDPOINT pointing at services that are not running (as after
 * `cp .env.example .env` without `docker compose up`) stops here with one line naming each setting, where it came
 * from, and what to do, instead of failing later with a driver's stack trace or retrying silently.
 */
export async function checkConfiguredServices(config: Config): Promise<void> {
  const configured: { key: string; fallback: string; host: string; port: number }[] = SERVICES.filter(
    ({ key }) => key !== 'S3_ENDPOINT' || config.storageDriver === 's3',
  ).flatMap((service) => {
    const value = config[service.key];
    if (!value) return [];
    const url = new URL(value);
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : service.defaultPort);
    return [{ ...service, host: url.hostname.replace(/^\[|\]$/g, ''), port }];
  });
  // A cluster's first listed node stands for it (the client learns the others from any one).
  const [clusterNode] = config.REDIS_CLUSTER_NODES ?? [];
  if (clusterNode)
    configured.push({ key: 'REDIS_CLUSTER_NODES', fallback: 'a single node without Redis', ...clusterNode });
  const problems = await Promise.all(
    configured.map(async ({ key, host, port, fallback }) => {
      const why = await unreachable(host, port);
      return why === undefined
        ? undefined
        : { key, fallback, line: `${key} ${settingSource(key)} points at ${host}:${port}, which ${why}` };
    }),
  );
  const failed = problems.filter((problem) => problem !== undefined);
  if (!failed.length) return;
  throw new StartupError(
    `${failed.map((problem) => problem.line).join('; ')}: start ${failed.length > 1 ? 'them' : 'it'} ` +
      `(docker compose -f docker-compose.dev.yml up -d) or remove ${failed.map((problem) => problem.key).join(', ')} ` +
      `to use ${failed.map((problem) => problem.fallback).join(', ')}.`,
  );
}
