import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDurationMs } from '../../src/config/duration';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, loadConfig } from '../../src/config/env';
import { TEST_SIGNING_SECRETS } from '../helpers/signing-secrets';
import { ROOT } from './tools';

/**
 * The backend kills itself SHUTDOWN_TIMEOUT_MS after SIGTERM (src/lib/hard-exit.ts), so that a drain always ends by
 * its own hand, with its last log lines written, before the orchestrator's SIGKILL. The shipped Compose and
 * Kubernetes files must grant every backend container a grace period longer than that, with room to spare. Read
 * from the files themselves, so no Compose or kubectl is needed.
 */

/** Between the backend's own hard exit and the orchestrator's SIGKILL. */
const MARGIN_MS = 3_000;

const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');

/** The indented lines under each key of `yaml` at `indent` spaces (within `under`, a top-level key, if given). */
function blocks(yaml: string, indent: number, under?: string): Map<string, { header: string; body: string }> {
  const found = new Map<string, { header: string; body: string }>();
  let current: { header: string; body: string } | undefined;
  let inside = under === undefined;
  const key = new RegExp(`^ {${indent}}([\\w.-]+):(.*)$`);
  for (const line of yaml.split('\n')) {
    if (under !== undefined && /^\S/.test(line)) {
      inside = line.startsWith(`${under}:`);
      current = undefined;
      continue;
    }
    if (!inside) continue;
    const match = key.exec(line);
    if (match?.[1]) {
      current = { header: match[2] ?? '', body: '' };
      found.set(match[1], current);
    } else if (current && (line.trim() === '' || line.startsWith(' '.repeat(indent + 1)))) {
      current.body += `${line}\n`;
    } else {
      current = undefined;
    }
  }
  return found;
}

/** Each long-running service of a Compose file built from the backend image, with its merged anchors' lines. */
function backendServices(file: string): Map<string, string> {
  const yaml = read(file);
  const anchors = new Map(
    [...blocks(yaml, 0)].flatMap(([, { header, body }]) => {
      const anchor = /&([\w-]+)/.exec(header)?.[1];
      return anchor ? [[anchor, body] as const] : [];
    }),
  );
  const resolve = (body: string): string =>
    body + [...body.matchAll(/<<: \*([\w-]+)/g)].map((match) => resolve(anchors.get(match[1] ?? '') ?? '')).join('');
  const services = new Map<string, string>();
  for (const [name, { body }] of blocks(yaml, 2, 'services')) {
    const definition = resolve(body);
    if (definition.includes('*backend-image') && !/restart: '?no'?/.test(definition)) services.set(name, definition);
  }
  return services;
}

/** SHUTDOWN_TIMEOUT_MS as a deployment file sets it, or the backend's default. */
function shutdownTimeoutMs(text: string): number {
  const set = /SHUTDOWN_TIMEOUT_MS:\s*'?(\d+)'?/.exec(text)?.[1];
  return set ? Number(set) : DEFAULT_SHUTDOWN_TIMEOUT_MS;
}

it('the default hard exit leaves room for the production drain delay and the work in flight', () => {
  const production = loadConfig({ NODE_ENV: 'production', ...TEST_SIGNING_SECRETS });
  expect(production.SHUTDOWN_TIMEOUT_MS).toBe(DEFAULT_SHUTDOWN_TIMEOUT_MS);
  // After the drain delay: closing sockets (up to 2 s) and finishing sends and requests, on a loaded machine.
  expect(production.SHUTDOWN_TIMEOUT_MS - production.SHUTDOWN_DRAIN_DELAY_MS).toBeGreaterThanOrEqual(10_000);
});

it.each(['docker-compose.yml', 'docker-compose.prod.yml'])(
  '%s: every backend container is granted a stop_grace_period past its hard exit',
  (file) => {
    const services = backendServices(file);
    expect(services.size).toBeGreaterThan(0);
    const granted = [...services].map(([name, definition]) => {
      // Unset, Compose waits 10 s: not enough for a 5 s drain delay and the work in flight.
      const grace = /stop_grace_period: (\S+)/.exec(definition)?.[1];
      return { name, roomMs: (grace ? (parseDurationMs(grace) ?? 0) : 10_000) - shutdownTimeoutMs(definition) };
    });
    expect(granted.filter(({ roomMs }) => roomMs < MARGIN_MS)).toEqual([]);
  },
);

it('k8s: the backend pods are granted a terminationGracePeriodSeconds past the hard exit, with no preStop pause', () => {
  const manifest = read('k8s', 'backend-deployment.yaml');
  const graceMs = Number(/terminationGracePeriodSeconds: (\d+)/.exec(manifest)?.[1] ?? 30) * 1000;
  const timeoutMs = shutdownTimeoutMs(`${read('k8s', 'configmap.yaml')}\n${manifest}`);
  expect(graceMs - timeoutMs).toBeGreaterThanOrEqual(MARGIN_MS);
  // A preStop hook runs inside the same grace period, before SIGTERM: the backend's drain delay replaces it.
  expect(manifest).not.toMatch(/preStop:/);
});
