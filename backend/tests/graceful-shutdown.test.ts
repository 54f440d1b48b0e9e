import { io as connect } from 'socket.io-client';
import { startBackendProcess, stopBackendProcess } from './helpers/backend-process';
import { images } from './helpers/images';
import { slowUpload } from './helpers/uploads';
import { freePort } from './helpers/ports';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

/**
 * SIGTERM, as Compose and Kubernetes stop an instance during a rolling update: requests already in flight finish,
 * sockets are closed so that their clients reconnect (to another instance behind the load balancer), new
 * connections are refused, and the process exits 0.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function register(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: `drain_${process.pid}`, password: 'correct horse battery' }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

it('drains the request in flight, closes sockets so clients reconnect elsewhere, refuses new work, exits 0', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = await startBackendProcess(port, { DATABASE_URL: database.url, RATE_LIMIT_ENABLED: 'false' });
  try {
    const token = await register(base);
    const socket = connect(base, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const upload = slowUpload(port, token, await images.png(400, 300));
    // The first half has reached the server before the signal.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const exited = stopBackendProcess(child);
    // "transport close", not "io server disconnect": socket.io-client reconnects by itself only after the former.
    expect(await disconnected).toBe('transport close');
    await expect(fetch(`${base}/health`)).rejects.toThrow();

    upload.finish();
    const answer = await upload.response;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ attachment: { id: expect.any(String) } });
    expect(await exited).toBe(0);
    socket.close();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
