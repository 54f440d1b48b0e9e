import { Redis } from 'ioredis';
import request from 'supertest';
import { exitOf, spawnBackendScript } from './helpers/backend-process';
import { startRedisCluster, type TestRedisCluster } from './helpers/redis-cluster';
import { nextEvent, TestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { registerUser, type TestUser } from './helpers/users';

/**
 * Two instances on a Redis Cluster of three masters (REDIS_CLUSTER_NODES): what they share is spread over the
 * masters, each user's keys in one slot, and fan-out runs on sharded channels. The behaviour itself (messages
 * across instances, sync, presence, revocations, rate limits, the chaos test) is tested on one Redis and on a
 * cluster alike in the tests of each; this file checks what only a cluster has.
 */
let cluster: TestRedisCluster;
let database: TestDatabase;
let instances: [TestServer, TestServer];
const sockets = new TestSockets();
const USERS = 30;

beforeAll(async () => {
  cluster = await startRedisCluster();
  database = await createTestDatabase();
  const env = { REDIS_CLUSTER_NODES: cluster.nodesSetting, REGISTRATION_RATE_LIMIT_PER_HOUR: '100000' };
  instances = [await startTestServer(env, database), await startTestServer(env, database)];
}, 30_000);
afterAll(async () => {
  sockets.disconnectAll();
  for (const instance of instances ?? []) await instance.close();
  await database?.drop();
  await cluster?.stop();
});

/** Runs `command` on every master; one answer per master. */
async function onEveryMaster<T>(command: (master: Redis) => Promise<T>): Promise<T[]> {
  const masters = (await cluster.masterPorts()).map((port) => new Redis({ port, host: '127.0.0.1' }));
  try {
    return await Promise.all(masters.map(command));
  } finally {
    for (const master of masters) master.disconnect();
  }
}

it('spreads every user’s shared state over all three masters, each user’s replay log within one slot', async () => {
  const [first, second] = instances;
  const users: TestUser[] = [];
  for (let i = 0; i < USERS; i++) users.push(await registerUser(first));
  // Each user connects (presence, a room channel) and takes a cursor (the replay log), half on each instance.
  for (const [index, user] of users.entries()) {
    const socket = await sockets.connect((index % 2 ? second : first).url, user.accessToken);
    expect(await socket.timeout(5_000).emitWithAck('sync', { cursor: null })).toMatchObject({ ok: true });
  }

  // With 30 users, all of them hashing to one or two of three masters would happen about once in 100,000 runs.
  // The replay logs are in buckets of users (`{l:<bucket>}`), whose slots are spread over the masters.
  const logKeys = await onEveryMaster((master) => master.keys('events:{l:*}:*:meta'));
  expect(logKeys.map((keys) => keys.length > 0)).toEqual([true, true, true]);
  expect(logKeys.flat()).toHaveLength(USERS);
  const presenceKeys = await onEveryMaster((master) => master.keys('presence:user:*'));
  expect(presenceKeys.map((keys) => keys.length > 0)).toEqual([true, true, true]);
  // Each user's room is a shard channel, on the master of its slot.
  const channels = await onEveryMaster(
    (master) => master.call('PUBSUB', 'SHARDCHANNELS', 'socket.io#/#user:*') as Promise<string[]>,
  );
  expect(channels.map((names) => names.length > 0)).toEqual([true, true, true]);
  expect(channels.flat()).toHaveLength(USERS);

  const someone = users[0]?.id ?? '';
  const [someonesMeta] = logKeys.flat().filter((key) => key.endsWith(`}:${someone}:meta`));
  const bucket = /^events:(\{l:\d+\})/.exec(someonesMeta ?? '')?.[1];
  expect(bucket).toBeDefined();
  const slots = await onEveryMaster((master) =>
    Promise.all(
      ['log', 'meta', 'p:1'].map((suffix) => master.cluster('KEYSLOT', `events:${bucket}:${someone}:${suffix}`)),
    ),
  );
  expect(new Set(slots.flat()).size).toBe(1);
});

it('delivers an event for one user on the shard of that user’s room, to the instance that holds the socket', async () => {
  const [first, second] = instances;
  const [alice, bob] = [await registerUser(first), await registerUser(first)];
  const bobSocket = await sockets.connect(second.url, bob.accessToken);
  const channel = `socket.io#/#user:${bob.id}#`;
  const port = await cluster.masterOf(channel);
  const [subscribers] = await onEveryMaster(async (master) =>
    master.options.port === port ? ((await master.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number]) : null,
  ).then((answers) => answers.filter((answer) => answer !== null));
  // Only the instance holding Bob's socket listens to his room.
  expect(subscribers?.[1]).toBe(1);

  const received = nextEvent<{ request: { from: { id: string } } }>(bobSocket, 'contact:request');
  await request(first.url).post('/api/contacts/requests').set(alice.auth).send({ userId: bob.id }).expect(201);
  expect((await received).request.from.id).toBe(alice.id);
});

it('reaches the servers from the command line through the cluster: a deactivated account’s sockets close', async () => {
  const [, second] = instances;
  const person = await registerUser(second);
  const socket = await sockets.connect(second.url, person.accessToken);
  const closed = nextEvent<string>(socket, 'disconnect', 20_000);
  const output: string[] = [];
  const child = spawnBackendScript(
    'modules/admin/admin.cli.ts',
    { DATABASE_URL: database.url, REDIS_CLUSTER_NODES: cluster.nodesSetting, LOG_LEVEL: 'silent' },
    { output, args: ['deactivate', person.username] },
  );
  expect({ exit: await exitOf(child), output }).toEqual({
    exit: 0,
    output: [`✓ ${person.username} is deactivated and signed out everywhere`],
  });
  expect(await closed).toBe('io server disconnect');
  await request(second.url).get('/api/users/me').set(person.auth).expect(401);
}, 30_000);
