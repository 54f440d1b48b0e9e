import request from 'supertest';
import { exitOf, spawnBackendScript } from './helpers/backend-process';
import { nextEvent, useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';
import { registerUser, type TestUser } from './helpers/users';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Registrations from 127.0.0.1 are counted in the shared Redis, by every test server that uses it.
const server = useTestServer({ REDIS_URL, REGISTRATION_RATE_LIMIT_PER_HOUR: '100000' });
const sockets = useTestSockets();
let founder: TestUser;
beforeAll(async () => {
  founder = await registerUser(server);
});

/** `npm run admin -w backend -- <args>` against the test server's database, as a shell on the server runs it. */
async function admin(args: string[], env: Record<string, string | undefined> = { REDIS_URL }) {
  const output: string[] = [];
  const child = spawnBackendScript(
    'modules/admin/admin.cli.ts',
    { DATABASE_URL: server.databaseUrl, LOG_LEVEL: 'silent', ...env },
    { output, args },
  );
  return { exit: await exitOf(child), output };
}

it('deactivates by username while the server runs: sessions end on the server at once, sockets close', async () => {
  const person = await registerUser(server);
  const socket = await sockets.connect(server.url, person.accessToken);
  const closed = nextEvent<string>(socket, 'disconnect', 20_000);

  const { exit, output } = await admin(['deactivate', person.username.toUpperCase()]);
  expect({ exit, output }).toEqual({
    exit: 0,
    output: [`✓ ${person.username} is deactivated and signed out everywhere`],
  });
  expect(await closed).toBe('io server disconnect');
  await request(server.url).get('/api/users/me').set(person.auth).expect(401);
  const login = await request(server.url)
    .post('/api/auth/login')
    .send({ username: person.username, password: 'correct horse battery' });
  expect(login.body.error?.code).toBe('ACCOUNT_DEACTIVATED');
  const [entry] = await server.prisma.auditLogEntry.findMany({ where: { targetUserId: person.id } });
  expect(entry).toMatchObject({ actorId: null, actorLabel: 'command line', action: 'user.deactivate' });
}, 30_000);

it('answers a bad username or command with one clear line and a non-zero exit', async () => {
  expect(await admin(['make-admin', 'nobody-at-all'])).toEqual({ exit: 1, output: ['✗ No user "nobody-at-all"'] });
}, 30_000);

it('lists users, makes admins and reactivates, without Redis too', async () => {
  const person = await registerUser(server);
  await server.prisma.user.update({ where: { id: person.id }, data: { status: 'deactivated' } });
  const noRedis = { REDIS_URL: undefined };
  expect(await admin(['reactivate', person.username], noRedis)).toEqual({
    exit: 0,
    output: [`✓ ${person.username} is active again and can sign in`],
  });
  expect(await admin(['make-admin', person.username], noRedis)).toMatchObject({ exit: 0 });
  const { exit, output } = await admin(['list-users'], noRedis);
  expect(exit).toBe(0);
  expect(output).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${founder.username} +admin +active +User ${founder.username}$`)),
      expect.stringMatching(new RegExp(`^${person.username} +admin +active `)),
    ]),
  );
}, 60_000);

it('never deactivates the last active admin; without Redis it says when open connections close', async () => {
  await server.prisma.user.updateMany({ where: { id: { not: founder.id } }, data: { role: 'member' } });
  const noRedis = { REDIS_URL: undefined };
  expect(await admin(['deactivate', founder.username], noRedis)).toEqual({
    exit: 1,
    output: ['✗ This is the last active admin: make someone else an admin first'],
  });

  const person = await registerUser(server);
  const { exit, output } = await admin(['deactivate', person.username], noRedis);
  expect(exit).toBe(0);
  expect(output).toEqual([
    `✓ ${person.username} is deactivated and signed out everywhere`,
    expect.stringMatching(/^Without REDIS_URL .* \(JWT_ACCESS_EXPIRY\)/),
  ]);
  await request(server.url).post('/api/auth/refresh').send({ refreshToken: person.refreshToken }).expect(401);
}, 60_000);
