import { nextEvent, TestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { chattingPair, makeContacts, registerUser } from './helpers/users';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let instances: TestServer[];
const sockets = new TestSockets();

beforeAll(async () => {
  database = await createTestDatabase();
  instances = [await startTestServer({ REDIS_URL }, database), await startTestServer({ REDIS_URL }, database)];
});
afterAll(async () => {
  sockets.disconnectAll();
  for (const instance of instances) await instance.close();
  await database.drop();
});

it('delivers a message sent through one instance to a recipient connected to another (REDIS_URL set)', async () => {
  const [first, second] = instances as [TestServer, TestServer];
  const { alice, bob, chatId } = await chattingPair(first);

  const aliceSocket = await sockets.connect(first.url, alice.accessToken);
  const bobSocket = await sockets.connect(second.url, bob.accessToken);
  const received = new Promise<{ message: { content: string } }>((resolve) => bobSocket.once('message:new', resolve));
  const ack = await aliceSocket
    .timeout(5_000)
    .emitWithAck('message:send', { chatId, clientMsgId: 'across', content: 'across instances' });
  expect(ack.ok).toBe(true);
  expect((await received).message.content).toBe('across instances');
  const ready = await fetch(`${second.url}/ready`);
  expect(ready.status).toBe(200);
});

it('shows presence across instances: connected on one, seen online through the other', async () => {
  const [first, second] = instances as [TestServer, TestServer];
  const alice = await registerUser(first);
  const bob = await registerUser(first);
  await makeContacts(first, alice, bob);
  const bobSocket = await sockets.connect(second.url, bob.accessToken);
  const online = nextEvent<{ userId: string }>(bobSocket, 'presence:online');
  const aliceSocket = await sockets.connect(first.url, alice.accessToken);
  expect((await online).userId).toBe(alice.id);
  const profile = await fetch(`${second.url}/api/users/${alice.id}`, { headers: bob.auth });
  expect(((await profile.json()) as { user: { online: boolean } }).user.online).toBe(true);

  const offline = nextEvent<{ userId: string }>(bobSocket, 'presence:offline', 8_000);
  aliceSocket.disconnect();
  expect((await offline).userId).toBe(alice.id);
  const after = await fetch(`${second.url}/api/users/${alice.id}`, { headers: bob.auth });
  expect(((await after.json()) as { user: { online: boolean } }).user.online).toBe(false);
}, 15_000);
