import { Writable } from 'node:stream';
import request from 'supertest';
import { startTestServer, type TestServer } from './helpers/test-server';
import { TestSockets, nextEvent } from './helpers/sockets';

const PASSWORD = 'correct horse battery staple';
const logLines: string[] = [];
const captured = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});
let server: TestServer;
const sockets = new TestSockets();

beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: 'trace' }, undefined, captured);
});
afterAll(async () => {
  sockets.disconnectAll();
  await server.close();
});

it('logs every request with the id it answers with, and never a password, token or hash', async () => {
  const agent = request.agent(server.url);
  const registered = await agent.post('/api/auth/register').send({ username: 'log_user', password: PASSWORD });
  expect(registered.status).toBe(201);
  await agent
    .post('/api/auth/login')
    .send({ username: 'log_user', password: `${PASSWORD}!` })
    .expect(401);
  const login = await agent.post('/api/auth/login').send({ username: 'log_user', password: PASSWORD }).expect(200);
  const refreshed = await agent.post('/api/auth/refresh').expect(200);
  const accessToken = refreshed.body.accessToken as string;
  const me = await agent.get('/api/users/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
  const socket = await sockets.connect(server.url, accessToken);
  const ack = nextEvent(socket, 'connect_error', 300).catch(() => 'still connected');
  expect(await ack).toBe('still connected');
  await agent.get('/api/users/me').set('X-Request-Id', 'proxy-7f3a').expect(401);

  const requestIds = logLines.map((line) => (JSON.parse(line) as { req?: { id?: string } }).req?.id).filter(Boolean);
  expect(me.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestIds).toContain(me.headers['x-request-id']);
  expect(requestIds).toContain('proxy-7f3a');

  const logs = logLines.join('\n');
  const { passwordHash } = await server.prisma.user.findUniqueOrThrow({ where: { id: me.body.user.id as string } });
  const setCookies = [registered, login, refreshed].flatMap((response) => response.headers['set-cookie'] ?? []);
  const refreshTokens = [...setCookies.join(';').matchAll(/refresh_token=([^;]+)/g)].map((match) => match[1]);
  expect(refreshTokens.length).toBeGreaterThan(0);
  for (const secret of [
    PASSWORD,
    passwordHash,
    accessToken,
    login.body.accessToken,
    registered.body.accessToken,
    ...refreshTokens,
  ]) {
    expect(logs).not.toContain(secret);
  }
});
