import request from 'supertest';
import { promoteToAdmin } from './helpers/admin-context';
import { SHARED_REDIS_KINDS, type SharedRedis } from './helpers/shared-redis';
import { nextEvent, TestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { registerUser } from './helpers/users';

const PASSWORD = 'correct horse battery';

/**
 * A new password ends sessions on every instance, not only on the one that set it: through one Redis (REDIS_URL)
 * or a Redis Cluster (REDIS_CLUSTER_NODES), where the revocation list is spread over the masters and the sockets
 * are closed through the sharded adapter.
 */
describe.each(SHARED_REDIS_KINDS)('through %s', (_, startRedis) => {
  let redis: SharedRedis;
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  const sockets = new TestSockets();

  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    // Rate-limit counters live in the Redis that every test run on this machine shares: registrations must not meet one.
    const env = { ...redis.env, REGISTRATION_RATE_LIMIT_PER_HOUR: '1000000' };
    first = await startTestServer(env, database);
    second = await startTestServer(env, database);
  }, 30_000);
  afterAll(async () => {
    sockets.disconnectAll();
    await first.close();
    await second.close();
    await database.drop();
    await redis.stop();
  });

  it('a password reset through one instance closes the sockets and refuses the tokens of the user on another', async () => {
    const admin = await promoteToAdmin(first, await registerUser(first));
    const user = await registerUser(first);
    const socket = await sockets.connect(second.url, user.accessToken);
    const disconnected = nextEvent(socket, 'disconnect');

    const issued = await request(first.url)
      .post(`/api/admin/users/${user.id}/password-reset`)
      .set(admin.auth)
      .expect(201);
    await request(first.url)
      .post('/api/auth/password-reset')
      .send({ resetToken: (issued.body as { resetToken: string }).resetToken, newPassword: 'new password here' })
      .expect(204);

    await disconnected;
    await request(second.url).get('/api/users/me').set(user.auth).expect(401);
    await request(second.url).post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it("changing one's password through one instance ends the other sessions there and keeps this one", async () => {
    const user = await registerUser(first);
    const elsewhere = await request(second.url)
      .post('/api/auth/login')
      .send({ username: user.username, password: PASSWORD });
    const { accessToken } = elsewhere.body as { accessToken: string };
    const otherSocket = await sockets.connect(second.url, accessToken);
    const ownSocket = await sockets.connect(second.url, user.accessToken);
    const disconnected = nextEvent(otherSocket, 'disconnect');

    await request(first.url)
      .put('/api/users/me/password')
      .set(user.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'new password here' })
      .expect(204);

    await disconnected;
    await request(second.url).get('/api/users/me').set('Authorization', `Bearer ${accessToken}`).expect(401);
    await request(second.url).get('/api/users/me').set(user.auth).expect(200);
    expect(ownSocket.connected).toBe(true);
  });
});
