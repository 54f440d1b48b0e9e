import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { TestNginx } from './helpers/nginx';
import { nextEvent } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

/**
 * The nginx configuration we ship (nginx/nginx.conf), run by Debian's nginx in front of two backend instances
 * that share PostgreSQL and Redis: one user lands on each instance, and everything between them must work.
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
  nginx = await TestNginx.start(instances.map((instance) => Number(new URL(instance.url).port)));
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

  const api = () => request(nginx.url);
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
