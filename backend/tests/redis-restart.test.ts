import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { freePort } from './helpers/ports';
import { nextEvent, TestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { chattingPair } from './helpers/users';

/** A Redis of this test's own (the shared one must not be restarted under other tests), killed and restarted. */
let redisPort: number;
let redis: ChildProcess | undefined;
let database: TestDatabase;
let instances: TestServer[];
const sockets = new TestSockets();

async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(true));
      probe.listen(redisPort, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis-server did not start');
}

const ready = (instance: TestServer) => fetch(`${instance.url}/ready`).then((response) => response.status);

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  redisPort = await freePort();
  await startRedis();
  database = await createTestDatabase();
  const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}` };
  instances = [await startTestServer(env, database), await startTestServer(env, database)];
}, 30_000);

afterAll(async () => {
  sockets.disconnectAll();
  for (const instance of instances ?? []) await instance.close();
  redis?.kill('SIGKILL');
  await database?.drop();
});

/** What /metrics says of the instance's command connection to Redis. */
const redisUp = async (instance: TestServer) =>
  /messenger_redis_up\{role="commands"\} (\d)/.exec(await (await fetch(`${instance.url}/metrics`)).text())?.[1];

it('keeps accepting messages while Redis is down and recovers cross-instance delivery when it is back', async () => {
  const [first, second] = instances as [TestServer, TestServer];
  const { alice, bob, chatId } = await chattingPair(first);
  const aliceSocket = await sockets.connect(first.url, alice.accessToken);
  const bobSocket = await sockets.connect(second.url, bob.accessToken);
  const send = (clientMsgId: string) =>
    aliceSocket.timeout(10_000).emitWithAck('message:send', { chatId, clientMsgId, content: clientMsgId });

  const before = nextEvent<{ message: { content: string } }>(bobSocket, 'message:new');
  expect((await send('before')).ok).toBe(true);
  expect((await before).message.content).toBe('before');

  expect(await redisUp(first)).toBe('1');
  redis?.kill('SIGKILL');
  await until(async () => (await ready(first)) === 503, 10_000);
  expect(await redisUp(first)).toBe('0');
  const during = await send('during');
  expect(during).toMatchObject({ ok: true, message: { content: 'during' } });
  expect(aliceSocket.connected).toBe(true);

  await startRedis();
  await until(async () => (await ready(first)) === 200 && (await ready(second)) === 200, 20_000);
  expect(await redisUp(first)).toBe('1');
  const after = nextEvent<{ message: { content: string } }>(
    bobSocket,
    'message:new',
    10_000,
    (event) => event.message.content === 'after',
  );
  await until(async () => (await send(`probe-${Date.now()}`)).ok, 10_000);
  expect((await send('after')).ok).toBe(true);
  expect((await after).message.content).toBe('after');

  const history = await fetch(`${second.url}/api/chats/${chatId}/messages`, { headers: bob.auth }).then(
    (response) => response.json() as Promise<{ messages: { content: string }[] }>,
  );
  expect(history.messages.map((message) => message.content)).toEqual(
    expect.arrayContaining(['before', 'during', 'after']),
  );
}, 60_000);
