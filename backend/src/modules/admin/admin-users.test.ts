import request from 'supertest';
import { adminApi, registerAdmin } from '../../../tests/helpers/admins';
import { startTestServer, useTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

const server = useTestServer();
const api = () => request(server.url);
const PASSWORD = 'correct horse battery';

// The installation's first account, its admin, so that the users registered below are members.
beforeAll(() => registerUser(server));

describe('the first account', () => {
  let fresh: TestServer | undefined;
  afterEach(() => fresh?.close());

  it('of a fresh installation is its only admin, even when several register at the same moment', async () => {
    fresh = await startTestServer();
    const url = fresh.url;
    const registrations = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        request(url)
          .post('/api/auth/register')
          .send({ username: `first${index}`, password: PASSWORD })
          .expect(201),
      ),
    );
    const roles = registrations.map((response) => (response.body as { user: { role: string } }).user.role);
    expect(roles.filter((role) => role === 'admin')).toHaveLength(1);
    const later = await request(url).post('/api/auth/register').send({ username: 'later', password: PASSWORD });
    expect(later.body.user.role).toBe('member');
  });
});

describe('admin operations', () => {
  it('are refused to members with 403, and to nobody signed in with 401', async () => {
    const member = await registerUser(server);
    await api().get('/api/admin/users').set(member.auth).expect(403);
    await api().get('/api/admin/audit').set(member.auth).expect(403);
    await api().get('/api/admin/users').expect(401);
  });
});

describe('roles', () => {
  it('lets an admin make and unmake admins, and never removes the last active admin', async () => {
    const admin = await registerAdmin(server);
    const other = await registerUser(server);
    const as = adminApi(server, admin);
    expect((await as.setRole(other.id, 'admin').expect(200)).body.user).toMatchObject({ id: other.id, role: 'admin' });
    await api().get('/api/admin/users').set(other.auth).expect(200);
    // Demoting yourself is allowed while another admin remains.
    await as.setRole(admin.id, 'member').expect(200);
    await api().get('/api/admin/users').set(admin.auth).expect(403);

    await demoteEveryAdminBut(other);
    const last = await adminApi(server, other).setRole(other.id, 'member').expect(409);
    expect(last.body.error.code).toBe('LAST_ADMIN');
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const [ann, bob] = [await registerAdmin(server), await registerAdmin(server)];
    await demoteEveryAdminBut(ann, bob);
    const results = await Promise.all([
      adminApi(server, ann).setRole(bob.id, 'member'),
      adminApi(server, bob).setRole(ann.id, 'member'),
    ]);
    expect(results.map((response) => response.status).sort()).toEqual([200, 403]);
    expect(await server.prisma.user.count({ where: { role: 'admin', status: 'active' } })).toBe(1);
  });
});

describe('the people list', () => {
  it('finds people by username or display name, by status, page by page with a stable cursor', async () => {
    const admin = await registerAdmin(server);
    const tag = `zq${process.pid}`;
    const people = await Promise.all([1, 2, 3].map((index) => registerUser(server, `${tag}_${index}`)));
    await adminApi(server, admin).deactivate(people[1]!.id).expect(200);

    const list = (query: Record<string, string | number>) =>
      api().get('/api/admin/users').query(query).set(admin.auth).expect(200);
    const first = await list({ q: tag, limit: 2 });
    expect(first.body.users.map((user: { username: string }) => user.username)).toEqual([`${tag}_1`, `${tag}_2`]);
    expect(first.body.users[1]).toMatchObject({ status: 'deactivated', deactivated: true, role: 'member' });
    expect(first.body.users[0]).toEqual(
      expect.objectContaining({ createdAt: expect.any(String), lastSeenAt: null, deactivatedAt: null }),
    );
    const second = await list({ q: tag, limit: 2, cursor: first.body.nextCursor });
    expect(second.body).toEqual({ users: [expect.objectContaining({ username: `${tag}_3` })], nextCursor: null });
    const byDisplayName = await list({ q: `User ${tag}_3` });
    expect(byDisplayName.body.users.map((user: { id: string }) => user.id)).toEqual([people[2]!.id]);
    const deactivated = await list({ q: tag, status: 'deactivated' });
    expect(deactivated.body.users.map((user: { id: string }) => user.id)).toEqual([people[1]!.id]);
  });
});

describe('deactivation', () => {
  it('ends every session at once: refresh refused, old access tokens refused, login answers ACCOUNT_DEACTIVATED', async () => {
    const admin = await registerAdmin(server);
    const person = await registerUser(server);
    const laptop = await api().post('/api/auth/login').send({ username: person.username, password: PASSWORD });

    const response = await adminApi(server, admin).deactivate(person.id).expect(200);
    expect(response.body.user).toMatchObject({ id: person.id, status: 'deactivated', deactivated: true });

    for (const token of [person.accessToken, laptop.body.accessToken as string]) {
      await api().get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(401);
    }
    for (const refreshToken of [person.refreshToken, laptop.body.refreshToken as string]) {
      await api().post('/api/auth/refresh').send({ refreshToken }).expect(401);
    }
    const login = await api().post('/api/auth/login').send({ username: person.username, password: PASSWORD });
    expect(login.status).toBe(403);
    expect(login.body.error).toEqual({ code: 'ACCOUNT_DEACTIVATED', message: expect.stringMatching(/deactivated/) });
    // Only someone who knows the password learns that the account is deactivated.
    const wrong = await api().post('/api/auth/login').send({ username: person.username, password: 'wrong password' });
    expect(wrong.status).toBe(401);
  });

  it('lets no sign-in racing a deactivation leave a live session behind', async () => {
    const person = await registerUser(server);
    const sessionsBefore = await server.prisma.session.count({ where: { userId: person.id } });
    let login: Promise<request.Response> | undefined;
    // A deactivation in flight holds the account row; a sign-in that checked the password meanwhile waits for it.
    await server.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM users WHERE id = ${person.id}::uuid FOR NO KEY UPDATE`;
        login = api().post('/api/auth/login').send({ username: person.username, password: PASSWORD }).then();
        await until(async () => {
          const waiting = await server.prisma.$queryRaw<unknown[]>`
            SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO sessions%'`;
          return waiting.length > 0;
        });
        await tx.user.update({ where: { id: person.id }, data: { status: 'deactivated', deactivatedAt: new Date() } });
      },
      { timeout: 20_000 },
    );
    expect((await login!).body.error?.code).toBe('ACCOUNT_DEACTIVATED');
    expect(await server.prisma.session.count({ where: { userId: person.id } })).toBe(sessionsBefore);
  });

  it('refuses to deactivate yourself', async () => {
    const admin = await registerAdmin(server);
    const response = await adminApi(server, admin).deactivate(admin.id).expect(409);
    expect(response.body.error.code).toBe('CANNOT_DEACTIVATE_SELF');
  });

  it('is undone by reactivation: the person signs in again', async () => {
    const admin = await registerAdmin(server);
    const person = await registerUser(server);
    await adminApi(server, admin).deactivate(person.id).expect(200);
    const back = await adminApi(server, admin).reactivate(person.id).expect(200);
    expect(back.body.user).toMatchObject({ status: 'active', deactivatedAt: null });
    expect(back.body.user).not.toHaveProperty('deactivated');
    await api().post('/api/auth/login').send({ username: person.username, password: PASSWORD }).expect(200);
    // The sessions ended by the deactivation stay ended.
    await api().post('/api/auth/refresh').send({ refreshToken: person.refreshToken }).expect(401);
  });

  it('ends consistent when deactivations and reactivations of one person race', async () => {
    const admin = await registerAdmin(server);
    const person = await registerUser(server);
    const as = adminApi(server, admin);
    const calls = await Promise.all(
      Array.from({ length: 8 }, (_, index) => (index % 2 ? as.reactivate(person.id) : as.deactivate(person.id))),
    );
    expect(calls.map((call) => call.status)).toEqual(Array(8).fill(200));
    const user = await server.prisma.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(user.deactivatedAt === null).toBe(user.status === 'active');
    const entries = await server.prisma.auditLogEntry.findMany({
      where: { targetUserId: person.id },
      orderBy: { id: 'asc' },
    });
    // Each entry is a real change: they alternate, starting with a deactivation, and end in the final state.
    entries.forEach((entry, index) => expect(entry.action).toBe(index % 2 ? 'user.reactivate' : 'user.deactivate'));
    expect(entries.at(-1)?.action).toBe(user.status === 'active' ? 'user.reactivate' : 'user.deactivate');
    const live = await server.prisma.session.count({ where: { userId: person.id, revokedAt: null } });
    expect(live).toBe(0);
  });
});

/** Resolves once `condition` holds (checked every 20 ms). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function demoteEveryAdminBut(...keep: TestUser[]): Promise<void> {
  await server.prisma.user.updateMany({
    where: { role: 'admin', id: { notIn: keep.map((user) => user.id) } },
    data: { role: 'member' },
  });
}
