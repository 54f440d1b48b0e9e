import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { nextEvent } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

/**
 * The nginx configuration we ship (nginx/nginx.conf), run by Debian's nginx in front of two backend instances
 * that share PostgreSQL and Redis: one user lands on each instance, and everything between them must work.
 */
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONFIG = join(__dirname, '..', '..', 'nginx', 'nginx.conf');

let database: TestDatabase;
let instances: TestServer[];
let nginx: ChildProcess;
let runDir: string;
let proxyUrl: string;
const sockets: Socket[] = [];

function templateConfig(backendPorts: number[], listenPort: number): string {
  const servers = backendPorts.map((port) => `        server 127.0.0.1:${port};`).join('\n');
  const config = readFileSync(CONFIG, 'utf8')
    .replace(/# BEGIN backend servers[\s\S]*# END backend servers/, servers)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${listenPort};`)
    .replace(/^pid \/tmp\/nginx.pid;/m, `pid ${join(runDir, 'nginx.pid')};`)
    .replace(/^(\s*)access_log \/dev\/stdout main;/m, '$1access_log off;');
  expect(config).toMatch(new RegExp(`^\\s*listen 127.0.0.1:${listenPort};`, 'm'));
  return config;
}

async function startNginx(backendPorts: number[]): Promise<void> {
  if (!existsSync(NGINX)) throw new Error(`nginx is needed for this test: apt-get install nginx (looked at ${NGINX})`);
  runDir = mkdtempSync(join(tmpdir(), 'messenger-nginx-'));
  const listenPort = 20_000 + Math.floor(Math.random() * 20_000);
  writeFileSync(join(runDir, 'nginx.conf'), templateConfig(backendPorts, listenPort));
  nginx = spawn(NGINX, ['-p', runDir, '-c', join(runDir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'pipe' });
  let stderr = '';
  nginx.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  proxyUrl = `http://127.0.0.1:${listenPort}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    if (
      await fetch(`${proxyUrl}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not come up: ${stderr}`);
}

/** The instance that nginx sends a client from this loopback address to. */
async function instanceFor(localAddress: string): Promise<string> {
  const response = await request(proxyUrl).get('/health').agent(new Agent({ localAddress }));
  return (response.body as { instance: string }).instance;
}

function connectThroughNginx(token: string, localAddress: string): Promise<Socket> {
  // Long-polling first, then the upgrade: both must reach the same instance through nginx.
  const socket = connect(proxyUrl, {
    auth: { token },
    reconnection: false,
    forceNew: true,
    agent: new Agent({ localAddress }) as unknown as string,
    localAddress,
  } as Parameters<typeof connect>[1]);
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
  await startNginx(instances.map((instance) => Number(new URL(instance.url).port)));
}, 30_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  nginx?.kill('SIGTERM');
  for (const instance of instances ?? []) await instance.close();
  await database?.drop();
  if (runDir) rmSync(runDir, { recursive: true, force: true });
});

it('carries messages, receipts, typing and presence between users on different instances', async () => {
  const addresses = new Map<string, string>();
  for (let host = 2; host < 60 && addresses.size < 2; host++) {
    const address = `127.0.0.${host}`;
    const instance = await instanceFor(address);
    if (!addresses.has(instance)) addresses.set(instance, address);
    // Sticky: the same address keeps landing on the same instance.
    expect(await instanceFor(address)).toBe(instance);
  }
  expect([...addresses.keys()].sort()).toEqual(['one', 'two']);
  const [aliceAddress, bobAddress] = [addresses.get('one') ?? '', addresses.get('two') ?? ''];

  const api = () => request(proxyUrl);
  const register = async (username: string) =>
    (await api().post('/api/auth/register').send({ username, password: 'long enough password' }).expect(201)).body as {
      user: { id: string };
      accessToken: string;
    };
  const alice = await register('nginx_alice');
  const bob = await register('nginx_bob');
  const asAlice = { Authorization: `Bearer ${alice.accessToken}` };
  const asBob = { Authorization: `Bearer ${bob.accessToken}` };
  const sent = await api().post('/api/contacts/requests').set(asAlice).send({ userId: bob.user.id }).expect(201);
  await api().post(`/api/contacts/requests/${sent.body.request.id}/accept`).set(asBob).expect(200);
  const chat = await api().post('/api/chats/direct').set(asAlice).send({ userId: bob.user.id }).expect(201);
  const chatId = chat.body.chat.id as string;

  const bobSocket = await connectThroughNginx(bob.accessToken, bobAddress);
  const aliceOnline = nextEvent<{ userId: string }>(bobSocket, 'presence:online');
  const aliceSocket = await connectThroughNginx(alice.accessToken, aliceAddress);
  expect((await aliceOnline).userId).toBe(alice.user.id);

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
