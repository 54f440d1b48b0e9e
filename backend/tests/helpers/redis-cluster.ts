import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import { primaryNodes, type RedisClient } from '../../src/lib/redis';
import { freePort } from './ports';

const run = promisify(execFile);

export interface ClusterNode {
  port: number;
  process: ChildProcess;
}

export interface TestRedisCluster {
  /** Every node, masters first (as `redis-cli --cluster create` assigns them), then replicas. */
  nodes: ClusterNode[];
  /** `REDIS_CLUSTER_NODES` for a backend: every node's `127.0.0.1:port`. */
  nodesSetting: string;
  /** A cluster client of the test's own (closed by `stop`). */
  client(): Cluster;
  /** The nodes serving slots now, from CLUSTER NODES (a failover promotes a replica). */
  masterPorts(): Promise<number[]>;
  /** The port of the master serving the slot of `key` (a key name or a shard channel). */
  masterOf(key: string): Promise<number>;
  /** SIGKILL of one node, as a crash. */
  kill(port: number): void;
  /**
   * Waits until every live node reports `cluster_state:ok` and the given number of masters serve all slots, none
   * of them a node that `kill` killed (a replica has taken over its slots).
   */
  waitUntilHealthy(masters?: number, withinMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Distinct loopback ports nothing listens on: a data port and a cluster-bus port per node. */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

async function waitFor(check: () => Promise<boolean>, withinMs: number, what: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One command to one node, over a short-lived connection that gives up at once when the node is down. */
async function ask(port: number, ...command: string[]): Promise<string> {
  const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  node.on('error', () => undefined);
  try {
    await node.connect();
    return String(await node.call(command[0] ?? 'PING', ...command.slice(1)));
  } finally {
    node.disconnect();
  }
}

/**
 * A real Redis Cluster on loopback for one test file: `masters` redis-server processes in cluster mode (each with
 * `replicasPerMaster` replicas), joined by `redis-cli --cluster create`, with no persistence. A small
 * `nodeTimeoutMs` makes a replica take over a killed master within about two seconds. Stop it in afterAll.
 */
export async function startRedisCluster({
  masters = 3,
  replicasPerMaster = 0,
  nodeTimeoutMs = 1_000,
} = {}): Promise<TestRedisCluster> {
  const count = masters * (1 + replicasPerMaster);
  const ports = await distinctFreePorts(count * 2);
  const dir = mkdtempSync(join(tmpdir(), 'messenger-redis-cluster-'));
  const nodes: ClusterNode[] = [];
  const clients: Cluster[] = [];
  for (let index = 0; index < count; index++) {
    const [port, busPort] = [ports[index * 2] ?? 0, ports[index * 2 + 1] ?? 0];
    const args = [
      ['--port', port],
      ['--cluster-port', busPort],
      ['--bind', '127.0.0.1'],
      ['--cluster-enabled', 'yes'],
      ['--cluster-config-file', join(dir, `nodes-${port}.conf`)],
      ['--cluster-node-timeout', nodeTimeoutMs],
      ['--dir', dir],
      ['--save', ''],
      ['--appendonly', 'no'],
      ['--daemonize', 'no'],
    ].flatMap(([flag, value]) => [String(flag), String(value)]);
    nodes.push({ port, process: spawn('redis-server', args, { stdio: 'ignore' }) });
  }

  /** CLUSTER NODES as one live node sees it: each node's port, role and whether it serves slots. */
  const listing = async (): Promise<{ port: number; flags: string[]; slots: boolean }[]> => {
    for (const { port, process } of nodes) {
      if (process.exitCode !== null || process.signalCode !== null) continue;
      const text = await ask(port, 'CLUSTER', 'NODES').catch(() => '');
      if (!text) continue;
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const fields = line.split(' ');
          return {
            port: Number(/:(\d+)@/.exec(fields[1] ?? '')?.[1]),
            flags: (fields[2] ?? '').split(','),
            slots: fields.length > 8,
          };
        });
    }
    return [];
  };
  // `fail?` is a node some other node suspects; `fail` one the cluster agreed is down.
  const masterPorts = async () =>
    (await listing())
      .filter(({ flags, slots }) => flags.includes('master') && !flags.some((flag) => flag.startsWith('fail')) && slots)
      .map(({ port }) => port);
  /** Nodes this helper killed: healthy means none of them serves slots any more. */
  const killed = new Set<number>();

  const waitUntilHealthy = async (expectedMasters = masters, withinMs = 20_000) => {
    await waitFor(
      async () => {
        const live = nodes.filter((node) => node.process.exitCode === null && node.process.signalCode === null);
        const infos = await Promise.all(live.map(({ port }) => ask(port, 'CLUSTER', 'INFO')));
        const serving = await masterPorts();
        return (
          infos.every((info) => info.includes('cluster_state:ok')) &&
          serving.length === expectedMasters &&
          serving.every((port) => !killed.has(port))
        );
      },
      withinMs,
      'cluster_state:ok on every node',
    );
  };

  // A test process that ends without stopping its cluster (a crash, a timeout) takes the nodes with it.
  const killAll = () => nodes.forEach((node) => node.process.kill('SIGKILL'));
  process.once('exit', killAll);

  const stop = async () => {
    process.off('exit', killAll);
    for (const client of clients) client.disconnect();
    await Promise.all(
      nodes.map(
        ({ process }) =>
          new Promise<void>((resolve) => {
            if (process.exitCode !== null || process.signalCode !== null) return resolve();
            process.once('exit', () => resolve());
            process.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await Promise.all(nodes.map(({ port }) => waitFor(async () => (await ask(port)) === 'PONG', 10_000, 'PING')));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map(({ port }) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      String(replicasPerMaster),
      '--cluster-yes',
    ]);
    await waitUntilHealthy();
    if (replicasPerMaster > 0) {
      // A replica that has not finished its first sync could not take over: wait for every link to be up.
      const replicaPorts = (await listing()).filter(({ flags }) => flags.includes('slave')).map(({ port }) => port);
      await Promise.all(
        replicaPorts.map((port) =>
          waitFor(
            async () => (await ask(port, 'INFO', 'replication')).includes('master_link_status:up'),
            20_000,
            'replication link up',
          ),
        ),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    nodes,
    nodesSetting: nodes.map(({ port }) => `127.0.0.1:${port}`).join(','),
    client: () => {
      const client = new Cluster(
        nodes.map(({ port }) => ({ host: '127.0.0.1', port })),
        { redisOptions: { maxRetriesPerRequest: 3 } },
      );
      client.on('error', () => undefined);
      clients.push(client);
      return client;
    },
    masterPorts,
    masterOf: async (key) => {
      const live = nodes.find(({ process }) => process.exitCode === null && process.signalCode === null);
      const slot = Number(await ask(live?.port ?? 0, 'CLUSTER', 'KEYSLOT', key));
      const node = new Redis({ port: live?.port ?? 0, host: '127.0.0.1', lazyConnect: true });
      try {
        const ranges = (await node.cluster('SLOTS')) as unknown as [number, number, [string, number]][];
        const range = ranges.find(([from, to]) => slot >= from && slot <= to);
        if (!range) throw new Error(`no master serves slot ${slot}`);
        return range[2][1];
      } finally {
        node.disconnect();
      }
    },
    kill: (port) => {
      killed.add(port);
      nodes.find((node) => node.port === port)?.process.kill('SIGKILL');
    },
    waitUntilHealthy,
    stop,
  };
}

/**
 * Deletes every key matching `pattern` on every master of `client`, one key per DEL: a master serves many slots,
 * and a cluster refuses a DEL whose keys hash to different ones (CROSSSLOT).
 */
export async function deleteKeys(client: RedisClient, pattern: string): Promise<void> {
  for (const node of primaryNodes(client)) {
    const keys = await node.keys(pattern);
    if (keys.length === 0) continue;
    const pipeline = node.pipeline();
    for (const key of keys) pipeline.del(key);
    await pipeline.exec();
  }
}
