import request from 'supertest';
import { nextEvent, TestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { registerUser } from './helpers/users';

/** Open groups across two instances sharing PostgreSQL and Redis: what one instance writes, the other's sockets hear. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let instances: [TestServer, TestServer];
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

type ChatPayload = { chat: { id: string; visibility: string; participants: unknown[] } };

it("tells the members and the joiner's other devices on another instance of a join, and of a switch to open", async () => {
  const [first, second] = instances;
  const [owner, joiner] = await Promise.all([registerUser(first), registerUser(first)]);
  const created = await request(first.url)
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'Across instances', memberIds: [] })
    .expect(201);
  const chatId = (created.body as ChatPayload).chat.id;

  // Both listen through the second instance; every request goes through the first.
  const [ownerSocket, joinerOtherDevice] = await Promise.all([
    sockets.connect(second.url, owner.accessToken),
    sockets.connect(second.url, joiner.accessToken),
  ]);
  const opened = nextEvent<ChatPayload>(ownerSocket, 'chat:updated');
  await request(first.url).put(`/api/chats/${chatId}`).set(owner.auth).send({ visibility: 'open' }).expect(200);
  expect((await opened).chat).toMatchObject({ id: chatId, visibility: 'open' });

  const found = await request(second.url).get('/api/chats/discover').set(joiner.auth).query({ q: 'across' });
  expect((found.body as { chats: { id: string }[] }).chats.map((chat) => chat.id)).toEqual([chatId]);

  const ownerHearsMember = nextEvent<ChatPayload>(ownerSocket, 'chat:updated');
  const ownerHearsMessage = nextEvent<{ message: { content: string } }>(ownerSocket, 'message:new');
  const joinerGetsChat = nextEvent<ChatPayload>(joinerOtherDevice, 'chat:created');
  await request(first.url).post(`/api/chats/${chatId}/join`).set(joiner.auth).expect(200);
  expect((await ownerHearsMember).chat.participants).toHaveLength(2);
  expect((await ownerHearsMessage).message.content).toBe(`${joiner.displayName} joined the group`);
  expect((await joinerGetsChat).chat).toMatchObject({ id: chatId, visibility: 'open' });
  sockets.disconnectAll();
}, 20_000);
