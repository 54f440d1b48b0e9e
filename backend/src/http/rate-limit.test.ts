import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { SHARED_REDIS_KINDS, type SharedRedis } from '../../tests/helpers/shared-redis';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/test-database';
import { startTestServer, type TestServer } from '../../tests/helpers/test-server';
import { registerUser } from '../../tests/helpers/users';

const PASSWORD = 'correct horse battery';
const uniqueName = (base: string) => `${base}_${randomBytes(4).toString('hex')}`;
const login = (server: TestServer, username: string, password: string) =>
  request(server.url).post('/api/auth/login').send({ username, password });

describe('in memory (single node)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_MAX_REQUESTS: '40' });
  });
  afterAll(() => server.close());

  it('blocks a username after 5 failed logins from one IP with 429 and Retry-After', async () => {
    const user = await registerUser(server, uniqueName('victim'));
    for (let attempt = 1; attempt <= 5; attempt++) await login(server, user.username, 'wrong password').expect(401);
    const blocked = await login(server, user.username, PASSWORD).expect(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // Another username from the same IP is not affected.
    const other = await registerUser(server, uniqueName('bystander'));
    await login(server, other.username, PASSWORD).expect(200);
  });

  it('forgets earlier failures after a successful login', async () => {
    const user = await registerUser(server, uniqueName('forgetful'));
    for (let attempt = 1; attempt <= 4; attempt++) await login(server, user.username, 'wrong password').expect(401);
    await login(server, user.username, PASSWORD).expect(200);
    for (let attempt = 1; attempt <= 4; attempt++) await login(server, user.username, 'wrong password').expect(401);
    await login(server, user.username, PASSWORD).expect(200);
  });

  it('limits API requests per user, not per IP', async () => {
    const busy = await registerUser(server, uniqueName('busy'));
    const calm = await registerUser(server, uniqueName('calm'));
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await request(server.url).get('/api/users/me').set(busy.auth)).status);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
    await request(server.url).get('/api/users/me').set(calm.auth).expect(200);
  });
});

describe('registrations per IP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_ENABLED: 'true', REGISTRATION_RATE_LIMIT_PER_HOUR: '2' });
  });
  afterAll(() => server.close());

  const register = (username: string) =>
    request(server.url).post('/api/auth/register').send({ username, password: PASSWORD });

  it('allows so many new accounts per hour from one address, not counting refused attempts', async () => {
    const first = uniqueName('first');
    await register(first).expect(201);
    await register(first).expect(409);
    await register('no').expect(400);
    await register(uniqueName('second')).expect(201);
    const blocked = await register(uniqueName('third')).expect(429);
    expect(blocked.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('new accounts'),
    });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3_500);
    // Signing in is not registering.
    await login(server, first, PASSWORD).expect(200);
  });
});

describe('contact requests per user', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_ENABLED: 'true', CONTACT_REQUEST_RATE_LIMIT_PER_HOUR: '2' });
  });
  afterAll(() => server.close());

  it('lets one user send so many contact requests per hour, not counting refused ones, then 429', async () => {
    const spammer = await registerUser(server);
    const [first, second, third] = [await registerUser(server), await registerUser(server), await registerUser(server)];
    const ask = (userId: string, from = spammer) =>
      request(server.url).post('/api/contacts/requests').set(from.auth).send({ userId });
    await ask(first.id).expect(201);
    await ask(first.id).expect(409);
    await ask(spammer.id).expect(400);
    await ask(second.id).expect(201);
    const blocked = await ask(third.id).expect(429);
    expect(blocked.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('contact') });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3_500);
    // The limit is the spammer's alone: others still send requests, to the spammer too.
    await ask(spammer.id, third).expect(201);
    await ask(second.id, third).expect(201);
  });
});

describe('turned off with RATE_LIMIT_ENABLED=false', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_ENABLED: 'false', AUTH_RATE_LIMIT_MAX_ATTEMPTS: '1' });
  });
  afterAll(() => server.close());

  it('never answers 429', async () => {
    const user = await registerUser(server, uniqueName('loadtest'));
    for (let attempt = 1; attempt <= 3; attempt++) await login(server, user.username, 'wrong password').expect(401);
    await login(server, user.username, PASSWORD).expect(200);
  });
});

describe.each(SHARED_REDIS_KINDS)('in Redis (several instances), through %s', (_, startRedis) => {
  let redis: SharedRedis;
  let database: TestDatabase;
  let instances: TestServer[];
  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    const env = { ...redis.env, RATE_LIMIT_ENABLED: 'true' };
    instances = [await startTestServer(env, database), await startTestServer(env, database)];
  }, 30_000);
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await database.drop();
    await redis.stop();
  });

  it('counts failed logins across instances, so a load balancer cannot be used to get more guesses', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const user = await registerUser(first, uniqueName('shared'));
    for (let attempt = 1; attempt <= 5; attempt++) {
      await login(attempt % 2 ? first : second, user.username, 'wrong password').expect(401);
    }
    await login(first, user.username, PASSWORD).expect(429);
    await login(second, user.username, PASSWORD).expect(429);
  });
});
