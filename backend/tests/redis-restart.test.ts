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

/** A new device of a user: another session, with its own tokens. */
async function signIn(instance: TestServer, username: string) {
  const response = await fetch(`${instance.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'correct horse battery' }),
  });
  expect(response.status).toBe(200);
  const { accessToken, refreshToken } = (await response.json()) as { accessToken: string; refreshToken: string };
  return { accessToken, refreshToken, auth: { Authorization: `Bearer ${accessToken}` } };
}

const signOut = (instance: TestServer, refreshToken: string) =>
  fetch(`${instance.url}/api/auth/logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  }).then((response) => response.status);

/** The status of GET /api/users/me with these headers, and how long the answer took. */
async function me(instance: TestServer, headers: Record<string, string>) {
  const started = Date.now();
  const { status } = await fetch(`${instance.url}/api/users/me`, { headers });
  return { status, ms: Date.now() - started };
}

const degradedCount = async (instance: TestServer, check: string) =>
  Number(
    new RegExp(`messenger_redis_degraded_total\\{check="${check}"\\} (\\d+)`).exec(
      await (await fetch(`${instance.url}/metrics`)).text(),
    )?.[1] ?? 0,
  );

it('answers at once while Redis is down, refusing only the signed-out sessions it knows of, and rejects no promise', async () => {
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', recordUnhandled);
  try {
    const [first, second] = instances as [TestServer, TestServer];
    await until(async () => (await ready(first)) === 200 && (await ready(second)) === 200, 20_000);
    const { alice, bob, chatId } = await chattingPair(first);
    // Signed out before the outage: `first` made the sign-out, `second` saw it refused.
    const oldLaptop = await signIn(first, alice.username);
    expect(await signOut(first, oldLaptop.refreshToken)).toBe(204);
    expect((await me(second, oldLaptop.auth)).status).toBe(401);
    const aliceSocket = await sockets.connect(first.url, alice.accessToken);
    const { cursor: aliceCursor } = (await aliceSocket.timeout(10_000).emitWithAck('sync', { cursor: null })) as {
      cursor: string;
    };

    redis?.kill('SIGKILL');
    await until(async () => (await ready(first)) === 503 && (await ready(second)) === 503, 10_000);

    // Before the fix each of these waited for ioredis' retries (seconds, longer as the outage went on) and got a 500.
    for (const instance of [first, second]) {
      const answer = await me(instance, alice.auth);
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(2_500);
    }
    const sent = await fetch(`${second.url}/api/chats/${chatId}/messages`, {
      method: 'POST',
      headers: { ...bob.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ clientMsgId: 'rest-during', content: 'rest-during' }),
    });
    expect(sent.status).toBe(201);
    expect(await degradedCount(first, 'revocation')).toBeGreaterThan(0);
    // Signing in and refreshing work too.
    const phone = await signIn(first, alice.username);
    const refreshed = await fetch(`${second.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: phone.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    Object.assign(phone, (await refreshed.json()) as { refreshToken: string });
    // What an instance knows was signed out stays refused.
    expect((await me(first, oldLaptop.auth)).status).toBe(401);
    expect((await me(second, oldLaptop.auth)).status).toBe(401);
    expect(await signOut(first, phone.refreshToken)).toBe(204);
    expect((await me(first, phone.auth)).status).toBe(401);
    // Failed logins still meet a limit (counted in memory meanwhile), and nothing answers 500.
    const logins: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: bob.username, password: 'wrong password' }),
      });
      logins.push(response.status);
    }
    expect(logins).toEqual([401, 401, 401, 401, 401, 429]);
    // A device connecting during the outage gets in, and its catch-up is sent to PostgreSQL (by seq) instead of
    // failing: the replay log is in Redis.
    const bobSocket = await sockets.connect(second.url, bob.accessToken);
    const catchUp = await aliceSocket.timeout(10_000).emitWithAck('sync', { cursor: aliceCursor });
    expect(catchUp).toMatchObject({ ok: false, error: { code: 'CURSOR_EXPIRED' } });

    await startRedis();
    await until(async () => (await ready(first)) === 200 && (await ready(second)) === 200, 20_000);
    // The sign-out made during the outage reached Redis: the other instance refuses it now too.
    await until(async () => (await me(second, phone.auth)).status === 401, 10_000);
    // Fan-out across instances resumes for sockets that stayed connected or connected during the outage.
    const send = (clientMsgId: string) =>
      aliceSocket.timeout(10_000).emitWithAck('message:send', { chatId, clientMsgId, content: clientMsgId });
    await until(async () => {
      const heard = nextEvent(bobSocket, 'message:new', 2_000).then(
        () => true,
        () => false,
      );
      await send(`probe-${Date.now()}`);
      return heard;
    }, 20_000);
    expect(bobSocket.connected).toBe(true);
  } finally {
    process.off('unhandledRejection', recordUnhandled);
  }
  expect(unhandled).toEqual([]);
}, 90_000);
