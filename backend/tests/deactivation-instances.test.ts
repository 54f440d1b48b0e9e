import request from 'supertest';
import { nextEvent, TestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { registerUser } from './helpers/users';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let instances: [TestServer, TestServer];
const sockets = new TestSockets();

beforeAll(async () => {
  database = await createTestDatabase();
  // Registrations from 127.0.0.1 are counted in the shared Redis, by every test server that uses it.
  const env = { REDIS_URL, REGISTRATION_RATE_LIMIT_PER_HOUR: '100000' };
  instances = [await startTestServer(env, database), await startTestServer(env, database)];
});
afterAll(async () => {
  sockets.disconnectAll();
  for (const instance of instances) await instance.close();
  await database.drop();
});

it('closes the socket on instance B and B refuses the access token at once, when A deactivates the account', async () => {
  const [a, b] = instances;
  const admin = await registerUser(a); // the first account: the admin
  const person = await registerUser(b);
  const socket = await sockets.connect(b.url, person.accessToken);
  const closed = nextEvent<string>(socket, 'disconnect');
  await request(b.url).get('/api/users/me').set(person.auth).expect(200);

  await request(a.url).post(`/api/admin/users/${person.id}/deactivate`).set(admin.auth).expect(200);

  expect(await closed).toBe('io server disconnect');
  await request(b.url).get('/api/users/me').set(person.auth).expect(401);
  await expect(sockets.connect(b.url, person.accessToken)).rejects.toThrow('unauthorized');
});
