import request from 'supertest';
import { nextEvent, TestSockets } from './helpers/sockets';
import { TcpProxy } from './helpers/tcp-proxy';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { chattingPair } from './helpers/users';

/** The server talks to PostgreSQL through a relay that the test cuts and restores: a database restart. */
let database: TestDatabase;
let proxy: TcpProxy;
let server: TestServer;
const sockets = new TestSockets();

beforeAll(async () => {
  database = await createTestDatabase();
  const postgres = new URL(TEST_SERVER_URL);
  proxy = await TcpProxy.start({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  const throughProxy = new URL(database.url);
  throughProxy.port = String(proxy.port);
  server = await startTestServer({}, { url: throughProxy.toString(), drop: async () => undefined });
});
afterAll(async () => {
  sockets.disconnectAll();
  await server.close();
  await proxy.cut();
  await database.drop();
});

const eventually = async (check: () => Promise<boolean>, timeoutMs: number) => {
  for (const started = Date.now(); Date.now() - started < timeoutMs;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not within ${timeoutMs} ms`);
};

it('answers 503 quickly while PostgreSQL is away, loses no acknowledged message, and recovers by itself', async () => {
  const { alice, chatId } = await chattingPair(server);
  const socket = await sockets.connect(server.url, alice.accessToken);
  const send = (clientMsgId: string) =>
    socket.timeout(15_000).emitWithAck('message:send', { chatId, clientMsgId, content: clientMsgId });
  expect((await send('before')).ok).toBe(true);

  await proxy.cut();
  const started = Date.now();
  const during = await request(server.url).get('/api/chats').set(alice.auth);
  expect(during.status).toBe(503);
  expect(during.body.error.code).toBe('SERVICE_UNAVAILABLE');
  expect(during.headers['retry-after']).toBe('5');
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(await send('during')).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } });
  await request(server.url).get('/ready').expect(503);
  expect(socket.connected).toBe(true);

  await proxy.restore();
  await eventually(async () => (await request(server.url).get('/api/chats').set(alice.auth)).status === 200, 15_000);
  const after = nextEvent<{ message: { content: string } }>(socket, 'message:new', 5_000);
  expect((await send('after')).ok).toBe(true);
  expect((await after).message.content).toBe('after');

  const history = await request(server.url).get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);
  expect(history.body.messages.map((message: { content: string }) => message.content)).toEqual(['before', 'after']);
}, 60_000);
