import { connect as tlsConnect } from 'node:tls';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { documents } from './helpers/documents';
import { TestNginx, WEB_APP_INDEX } from './helpers/nginx';
import { nextEvent } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { downloadBytes } from './helpers/uploads';

/**
 * The nginx configuration we ship for production (nginx/nginx-tls.conf and its includes), run by Debian's nginx
 * with a throwaway self-signed certificate in front of two backend instances that share PostgreSQL and Redis:
 * one user lands on each instance, and everything between them must work over HTTPS and WSS.
 * (tests/chaos.test.ts runs the plain-HTTP nginx/nginx.conf.)
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let instances: TestServer[];
let nginx: TestNginx;
const sockets: Socket[] = [];

function connectThroughNginx(token: string, localAddress: string): Promise<Socket> {
  const socket = nginx.socket(token, localAddress, { reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  instances = [
    await startTestServer({ REDIS_URL, INSTANCE_NAME: 'one' }, database),
    await startTestServer({ REDIS_URL, INSTANCE_NAME: 'two' }, database),
  ];
  nginx = await TestNginx.start(
    instances.map((instance) => Number(new URL(instance.url).port)),
    { tls: true },
  );
}, 30_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  nginx?.stop();
  for (const instance of instances ?? []) await instance.close();
  await database?.drop();
});

it('carries messages, receipts, typing and presence between users on different instances', async () => {
  const addresses = new Map<string, string>();
  for (let host = 2; host < 60 && addresses.size < 2; host++) {
    const address = `127.0.0.${host}`;
    const instance = await nginx.instanceFor(address);
    if (!addresses.has(instance)) addresses.set(instance, address);
    // Sticky: the same address keeps landing on the same instance.
    expect(await nginx.instanceFor(address)).toBe(instance);
  }
  expect([...addresses.keys()].sort()).toEqual(['one', 'two']);
  const [aliceAddress, bobAddress] = [addresses.get('one') ?? '', addresses.get('two') ?? ''];

  const post = (path: string) =>
    request(nginx.url)
      .post(path)
      .ca(nginx.ca ?? '');
  const register = async (username: string) =>
    (await post('/api/auth/register').send({ username, password: 'long enough password' }).expect(201)).body as {
      user: { id: string };
      accessToken: string;
    };
  const alice = await register('nginx_alice');
  const bob = await register('nginx_bob');
  const asAlice = { Authorization: `Bearer ${alice.accessToken}` };
  const asBob = { Authorization: `Bearer ${bob.accessToken}` };
  const sent = await post('/api/contacts/requests').set(asAlice).send({ userId: bob.user.id }).expect(201);
  await post(`/api/contacts/requests/${sent.body.request.id}/accept`).set(asBob).expect(200);
  const chat = await post('/api/chats/direct').set(asAlice).send({ userId: bob.user.id }).expect(201);
  const chatId = chat.body.chat.id as string;

  const bobSocket = await connectThroughNginx(bob.accessToken, bobAddress);
  const aliceOnline = nextEvent<{ userId: string }>(bobSocket, 'presence:online');
  const aliceSocket = await connectThroughNginx(alice.accessToken, aliceAddress);
  expect((await aliceOnline).userId).toBe(alice.user.id);
  // Socket.IO upgrades from long-polling to a WebSocket through nginx's TLS listener (WSS).
  if (aliceSocket.io.engine.transport.name !== 'websocket')
    await new Promise((resolve) => aliceSocket.io.engine.once('upgrade', resolve));
  expect(aliceSocket.io.engine.transport.name).toBe('websocket');

  const typing = nextEvent<{ userId: string }>(bobSocket, 'typing:start');
  await aliceSocket.timeout(5_000).emitWithAck('typing:start', { chatId });
  expect((await typing).userId).toBe(alice.user.id);

  const arrived = nextEvent<{ message: { content: string; seq: number } }>(bobSocket, 'message:new');
  const ack = await aliceSocket
    .timeout(5_000)
    .emitWithAck('message:send', { chatId, clientMsgId: 'via-nginx', content: 'across the balancer' });
  expect(ack.ok).toBe(true);
  expect((await arrived).message.content).toBe('across the balancer');

  const read = nextEvent<{ userId: string; seq: number }>(aliceSocket, 'message:read');
  await bobSocket.timeout(5_000).emitWithAck('message:read', { chatId, seq: 1 });
  expect(await read).toMatchObject({ userId: bob.user.id, seq: 1 });

  const offline = nextEvent<{ userId: string }>(bobSocket, 'presence:offline', 8_000);
  aliceSocket.disconnect();
  expect((await offline).userId).toBe(alice.user.id);
}, 30_000);

it('takes a 20 MB file through its own upload location, and another instance delivers it for download', async () => {
  const api = () => request(nginx.url);
  const register = async (username: string) => {
    const body = (
      await api()
        .post('/api/auth/register')
        .ca(nginx.ca ?? '')
        .send({ username, password: 'long enough password' })
        .expect(201)
    ).body as { user: { id: string }; accessToken: string };
    return { id: body.user.id, token: body.accessToken, auth: { Authorization: `Bearer ${body.accessToken}` } };
  };
  const [alice, bob] = [await register('nginx_file_alice'), await register('nginx_file_bob')];
  const sent = await api()
    .post('/api/contacts/requests')
    .ca(nginx.ca ?? '')
    .set(alice.auth)
    .send({ userId: bob.id });
  await api()
    .post(`/api/contacts/requests/${sent.body.request.id}/accept`)
    .ca(nginx.ca ?? '')
    .set(bob.auth);
  const chat = await api()
    .post('/api/chats/direct')
    .ca(nginx.ca ?? '')
    .set(alice.auth)
    .send({ userId: bob.id });

  // Bob listens on the instance that Alice's requests (from 127.0.0.1) do not reach: the message crosses Redis.
  const aliceInstance = await nginx.instanceFor('127.0.0.1');
  let bobAddress = '';
  for (let host = 2; host < 60 && !bobAddress; host++)
    if ((await nginx.instanceFor(`127.0.0.${host}`)) !== aliceInstance) bobAddress = `127.0.0.${host}`;
  const bobSocket = await connectThroughNginx(bob.token, bobAddress);
  const arrived = nextEvent<{ message: { type: string; attachments: { url: string; name: string }[] } }>(
    bobSocket,
    'message:new',
    10_000,
  );

  const pdf = documents.pdf(20 * 1024 * 1024);
  const uploaded = await api()
    .post('/api/attachments')
    .ca(nginx.ca ?? '')
    .set(alice.auth)
    .attach('file', pdf, { filename: 'big report.pdf', contentType: 'application/pdf' })
    .expect(201);
  await api()
    .post(`/api/chats/${chat.body.chat.id}/messages`)
    .ca(nginx.ca ?? '')
    .set(alice.auth)
    .send({ clientMsgId: 'file-via-nginx', attachmentIds: [uploaded.body.attachment.id] })
    .expect(201);
  const { message } = await arrived;
  expect(message).toMatchObject({ type: 'file', attachments: [{ name: 'big report.pdf' }] });

  const download = await downloadBytes(nginx.url, bob.auth, message.attachments[0]?.url ?? '')
    .ca(nginx.ca ?? '')
    .expect(200);
  expect(download.headers['content-disposition']).toBe('attachment; filename="big report.pdf"');
  expect((download.body as Buffer).equals(pdf)).toBe(true);
  // Every other route keeps its 11 MB limit.
  const tooLarge = await api()
    .post('/api/chats/direct')
    .ca(nginx.ca ?? '')
    .set(alice.auth)
    .send({ userId: 'x'.repeat(12 * 1024 * 1024) });
  expect(tooLarge.status).toBe(413);
}, 60_000);

it('redirects plain HTTP to HTTPS and sends HSTS and cache headers over TLS 1.2+ only', async () => {
  const redirect = await nginx.get(`${nginx.httpUrl}/api/chats?x=1`);
  expect(redirect.status).toBe(301);
  expect(redirect.headers.location).toBe('https://127.0.0.1/api/chats?x=1');
  expect((await nginx.get(`${nginx.httpUrl}/nginx-health`)).status).toBe(200);

  const health = await nginx.get('/health');
  expect(health.status).toBe(200);
  expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  const index = await nginx.get('/index.html');
  expect(index.headers['cache-control']).toBe('no-cache');
  expect(index.headers['strict-transport-security']).toBeDefined();
  const asset = await nginx.get('/assets/missing-0123abcd.js');
  expect(asset.status).toBe(404);

  const { port } = new URL(nginx.url);
  const negotiate = (options: { maxVersion?: 'TLSv1.2' | 'TLSv1.3' }) =>
    new Promise<{ protocol: string | null; cipher: string }>((resolve, reject) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port: Number(port), ca: nginx.ca, servername: 'localhost', ...options },
        () => {
          resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name });
          socket.end();
        },
      );
      socket.on('error', reject);
    });
  expect((await negotiate({})).protocol).toBe('TLSv1.3');
  const tls12 = await negotiate({ maxVersion: 'TLSv1.2' });
  expect(tls12.protocol).toBe('TLSv1.2');
  expect(tls12.cipher).toMatch(/^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
});

it('keeps /metrics and /ready off the public side: nginx answers 404, each backend still serves them itself', async () => {
  for (const path of ['/metrics', '/ready', '/metrics/', '/ready?probe=1'])
    expect({ path, status: (await nginx.get(path)).status }).toEqual({ path, status: 404 });
  const [backend] = instances as [TestServer];
  expect((await fetch(`${backend.url}/metrics`)).status).toBe(200);
  expect((await fetch(`${backend.url}/ready`)).status).toBe(200);
});

/** What helmet sends with every response of the backend (HSTS aside: nginx sends it over TLS). */
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

it("serves the web app with the API's security headers: the same CSP (no framing), nosniff, Referrer-Policy", async () => {
  const [backend] = instances as [TestServer];
  const api = await fetch(`${backend.url}/health`);
  const index = await nginx.get('/index.html');
  expect(index.status).toBe(200);
  expect(index.body).toBe(WEB_APP_INDEX);
  expect(index.headers['content-security-policy']).toMatch(/(^|;)frame-ancestors 'none'(;|$)/);
  // The app's entry, a client-side route, an asset: every static answer of nginx carries them.
  for (const path of ['/index.html', '/', '/chats/3f2a/messages/9c1d', '/assets/missing-0123abcd.js']) {
    const page = await nginx.get(path);
    for (const name of SECURITY_HEADERS)
      expect({ path, name, value: page.headers[name] }).toEqual({ path, name, value: api.headers.get(name) });
  }
});
