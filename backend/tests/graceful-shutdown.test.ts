import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { exitOf, startBackendProcess, stopBackendProcess, type BackendEnv } from './helpers/backend-process';
import { waitForLockWaiters } from './helpers/groups';
import { images } from './helpers/images';
import { slowUpload } from './helpers/uploads';
import { freePort } from './helpers/ports';
import { checkPayloads } from './helpers/payload-check';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { chattingPair, registerUser } from './helpers/users';

/**
 * SIGTERM, as Compose and Kubernetes stop an instance during a rolling update: /ready answers 503 at once while
 * everything is still served, then (after SHUTDOWN_DRAIN_DELAY_MS) sockets are closed so that their clients
 * reconnect to another instance, work in flight finishes, and the process exits 0. And it does exit: with its log
 * reader gone, or hung in its exit, SHUTDOWN_TIMEOUT_MS after the signal at the latest.
 */

let database: TestDatabase;
let child: ChildProcess | undefined;
let socket: Socket | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(() => {
  socket?.close();
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => database.drop());

/** A backend process on a port of its own; `base` is its URL. */
async function backend(env: BackendEnv, options: Parameters<typeof startBackendProcess>[2] = {}) {
  const port = await freePort();
  child = await startBackendProcess(port, { DATABASE_URL: database.url, RATE_LIMIT_ENABLED: 'false', ...env }, options);
  return { port, base: `http://127.0.0.1:${port}`, process: child };
}

function connectSocket(base: string, token: string): Promise<Socket> {
  socket = checkPayloads(
    connect(base, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }),
  );
  const connecting = socket;
  return new Promise((resolve, reject) => {
    connecting.once('connect', () => resolve(connecting));
    connecting.once('connect_error', reject);
  });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How the process ended, or 'still running' if it had not within `timeoutMs`. */
function endOf(
  process: ChildProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: string | null } | string> {
  return Promise.race([
    exitOf(process).then(() => ({ code: process.exitCode, signal: process.signalCode })),
    new Promise<string>((resolve) => setTimeout(() => resolve('still running'), timeoutMs).unref()),
  ]);
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

it('answers /ready 503 during the drain delay while serving, then closes sockets, finishes the upload in flight, exits 0', async () => {
  // The delay is the window in which this test looks at the draining instance: long enough for a loaded machine.
  const { port, base, process } = await backend({ SHUTDOWN_DRAIN_DELAY_MS: '8000' });
  const { accessToken } = await registerUser({ url: base });
  const listening = await connectSocket(base, accessToken);
  const disconnected = new Promise<string>((resolve) => listening.once('disconnect', resolve));
  // Its connection is made well inside the drain delay; its second half is sent only after the sockets closed.
  const upload = slowUpload(port, accessToken, await images.png(400, 300));

  const exited = stopBackendProcess(process);
  await until(async () => (await fetch(`${base}/ready`)).status === 503, '/ready answers 503');
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const me = await fetch(`${base}/api/users/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(me.status).toBe(200);
  expect(listening.connected).toBe(true);

  // "transport close", not "io server disconnect": socket.io-client reconnects by itself only after the former.
  expect(await disconnected).toBe('transport close');
  expect(await refused(`${base}/health`)).toBe(true);
  upload.finish();
  const answer = await upload.response;
  expect(answer.status).toBe(201);
  expect(JSON.parse(answer.body)).toMatchObject({ attachment: { id: expect.any(String) } });
  expect(await exited).toBe(0);
});

it('answers a send in flight at SIGTERM before closing its socket: the sender has its ack, the message is stored', async () => {
  const { base, process } = await backend({});
  const { alice, chatId } = await chattingPair({ url: base });
  const sender = await connectSocket(base, alice.accessToken);
  const disconnected = new Promise<string>((resolve) => sender.once('disconnect', resolve));
  // The send waits for the chat's row, held here, until the instance is shutting down.
  const session = new Client({ connectionString: database.url });
  await session.connect();
  try {
    await session.query('BEGIN');
    await session.query('SELECT 1 FROM chats WHERE id = $1 FOR UPDATE', [chatId]);
    const acked = sender
      .timeout(60_000)
      .emitWithAck('message:send', { chatId, clientMsgId: 'in-flight-at-sigterm', content: 'Sent as it stops' });
    await waitForLockWaiters(session, 1);

    const exited = stopBackendProcess(process);
    await until(() => refused(`${base}/health`), 'the instance stops listening');
    expect(sender.connected).toBe(true);
    await session.query('COMMIT');

    expect(await acked).toMatchObject({ ok: true, message: { content: 'Sent as it stops' } });
    expect(await disconnected).toBe('transport close');
    expect(await exited).toBe(0);
    const stored = await session.query('SELECT content FROM messages WHERE client_msg_id = $1', [
      'in-flight-at-sigterm',
    ]);
    expect(stored.rows).toEqual([{ content: 'Sent as it stops' }]);
  } finally {
    await session.end();
  }
});

it('exits 0 on SIGTERM after ~1 MB of logs to a stdout pipe that nobody reads', async () => {
  const { base, process } = await backend({ LOG_LEVEL: 'debug' }, { unreadStdout: true });
  // Each request logs a line of ~700 bytes at debug level. A process that blocks on its full stdout stops
  // answering: each request then gives up, and the test goes on to show that it does not exit either.
  for (let batch = 0; batch < 75; batch++) {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${base}/api/no-such-route`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined),
      ),
    );
  }
  process.kill('SIGTERM');
  expect(await endOf(process, 60_000)).toEqual({ code: 0, signal: null });
}, 180_000);

it('is killed SHUTDOWN_TIMEOUT_MS after SIGTERM when its exit hangs, as it did in a flush to a full pipe', async () => {
  const output: string[] = [];
  const { process } = await backend(
    {
      SHUTDOWN_TIMEOUT_MS: '5000',
      NODE_OPTIONS: `--require ${join(__dirname, 'helpers', 'hang-on-exit.cjs')}`,
    },
    { output },
  );
  process.kill('SIGTERM');
  expect(await endOf(process, 60_000)).toEqual({ code: null, signal: 'SIGKILL' });
  // It was the exit that hung, after a shutdown that finished.
  expect(output).toContain('hang-on-exit: blocking the exit');
}, 90_000);
