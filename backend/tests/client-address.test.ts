import request from 'supertest';
import { TestNginx } from './helpers/nginx';
import { startTestServer, type TestServer } from './helpers/test-server';
import { registerUser, type TestUser } from './helpers/users';

/**
 * The per-address limits (failed logins, registrations, the public API) key on the client's real address: an
 * X-Forwarded-For header the client makes up must not give it a fresh allowance, whether it talks to a backend
 * directly (TRUST_PROXY unset: the connection's peer is the client) or through the shipped nginx, which replaces
 * the header with the address it sees (TRUST_PROXY=1 on the backend).
 */
const PASSWORD = 'correct horse battery';
/** A different made-up public address for every request (TEST-NET-3). */
let spoofs = 0;
const spoofed = () => ({ 'X-Forwarded-For': `203.0.113.${++spoofs % 250}` });

describe('straight to a backend (TRUST_PROXY unset)', () => {
  let server: TestServer;
  let victim: TestUser;
  beforeAll(async () => {
    server = await startTestServer({ REGISTRATION_RATE_LIMIT_PER_HOUR: '3', RATE_LIMIT_MAX_REQUESTS: '30' });
    victim = await registerUser(server);
  });
  afterAll(() => server.close());

  /** Sends requests, each claiming another address, until one is refused or `most` have gone. */
  async function untilRefused(most: number, send: () => request.Test): Promise<number[]> {
    const statuses: number[] = [];
    while (statuses.length < most && !statuses.includes(429)) statuses.push((await send().set(spoofed())).status);
    return statuses;
  }

  it('blocks a username after five failed logins, each claiming another address', async () => {
    const statuses = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const login = request(server.url).post('/api/auth/login').set(spoofed());
      statuses.push((await login.send({ username: victim.username, password: 'wrong password' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('counts registrations per real address, whatever X-Forwarded-For says', async () => {
    let accounts = 0;
    const statuses = await untilRefused(4, () =>
      request(server.url)
        .post('/api/auth/register')
        .send({ username: `spoofer${++accounts}_${process.pid}`, password: PASSWORD }),
    );
    expect(statuses).toContain(429);
  });

  it('limits the public API per real address, whatever X-Forwarded-For says', async () => {
    const statuses = await untilRefused(31, () => request(server.url).post('/api/auth/refresh').send({}));
    expect(statuses).toContain(429);
  });
});

/**
 * Six failed logins for one username through nginx from one client (127.0.0.2), each with another made-up
 * X-Forwarded-For: the sixth is refused. A second client (127.0.0.3) trying the same username has its own count.
 */
async function spoofedLoginsThroughNginx(server: TestServer, nginx: TestNginx): Promise<void> {
  const victim = await registerUser(server);
  const attempt = (localAddress: string) =>
    nginx
      .request('POST', '/api/auth/login', {
        localAddress,
        headers: spoofed(),
        json: { username: victim.username, password: 'wrong password' },
      })
      .then((response) => response.status);
  const statuses: number[] = [];
  for (let tries = 1; tries <= 6; tries++) statuses.push(await attempt('127.0.0.2'));
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  expect(await attempt('127.0.0.3')).toBe(401);
}

describe.each([
  ['TRUST_PROXY=1: one hop, as the shipped compose files and k8s set it', '1'],
  // Trusting the proxies' network by range, where clients also arrive from inside it (Docker's gateway address for
  // connections from the host): safe only because nginx replaces the header instead of appending to it.
  ['TRUST_PROXY=loopback: a range that holds the clients too', 'loopback'],
])('through the shipped nginx, %s', (_title, trustProxy) => {
  let server: TestServer;
  let nginx: TestNginx;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: trustProxy });
    nginx = await TestNginx.start([Number(new URL(server.url).port)]);
  }, 30_000);
  afterAll(async () => {
    nginx?.stop();
    await server?.close();
  });

  it('keys failed logins on the address nginx saw, not on the one the client wrote', async () => {
    await spoofedLoginsThroughNginx(server, nginx);
  });
});
