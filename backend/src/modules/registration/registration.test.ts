import request from 'supertest';
import { adminCommandContext, promoteToAdmin } from '../../../tests/helpers/admin-context';
import { startTestServer, useTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';
import { AdminCommandError } from '../admin/admin-command';
import { registrationCommands } from './registration.cli-commands';

const PASSWORD = 'correct horse battery';
const FRONTEND_URL = 'https://chat.example.org';
const server = useTestServer({ FRONTEND_URL, REGISTRATION_RATE_LIMIT_PER_HOUR: '10000' });
const api = () => request(server.url);

interface Invite {
  id: string;
  code: string;
  url: string;
  maxUses: number | null;
  uses: number;
  expiresAt: string;
}

let admin: TestUser;
let serial = 0;
beforeAll(async () => {
  admin = await promoteToAdmin(server, await registerUser(server));
});
afterEach(() => setMode('open'));

const setMode = (registration: string) =>
  server.prisma.instanceSettings.update({ where: { id: 1 }, data: { registration: registration as 'open' } });
const register = (inviteCode?: string, username = `newcomer${++serial}_${process.pid}`, on: TestServer = server) =>
  request(on.url).post('/api/auth/register').send({ username, password: PASSWORD, inviteCode });
const createInvite = async (body: object = {}): Promise<Invite> =>
  (await api().post('/api/admin/invites').set(admin.auth).send(body).expect(201)).body.invite as Invite;
const usesOf = async (invite: Invite) =>
  (await server.prisma.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses;
const listed = async () =>
  ((await api().get('/api/admin/invites').set(admin.auth).expect(200)).body.invites as Invite[]).map((i) => i.id);
const lastAudit = (action: string) =>
  server.prisma.auditLogEntry.findFirst({ where: { action }, orderBy: { id: 'desc' } });

describe('registration mode', () => {
  it('is public at GET /api/auth/registration, which tells the mode and nothing more', async () => {
    expect((await api().get('/api/auth/registration').expect(200)).body).toEqual({ registration: 'open' });
    await setMode('invite');
    expect((await api().get('/api/auth/registration').expect(200)).body).toEqual({ registration: 'invite' });
  });

  it('is read and changed by admins at /api/admin/settings, each change in the audit log', async () => {
    expect((await api().get('/api/admin/settings').set(admin.auth).expect(200)).body).toEqual({
      settings: { registration: 'open' },
    });
    const changed = await api().put('/api/admin/settings').set(admin.auth).send({ registration: 'closed' }).expect(200);
    expect(changed.body).toEqual({ settings: { registration: 'closed' } });
    expect((await api().get('/api/auth/registration')).body).toEqual({ registration: 'closed' });
    expect(await lastAudit('registration.update')).toMatchObject({
      actorId: admin.id,
      actorLabel: admin.username,
      details: { from: 'open', to: 'closed' },
    });
  });

  it('refuses members (403) and bad values (400)', async () => {
    const member = await registerUser(server);
    await api().get('/api/admin/settings').set(member.auth).expect(403);
    await api().put('/api/admin/settings').set(member.auth).send({ registration: 'closed' }).expect(403);
    for (const body of [{ registration: 'secret' }, {}, { registration: 'open', extra: true }]) {
      await api().put('/api/admin/settings').set(admin.auth).send(body).expect(400);
    }
    expect((await api().get('/api/auth/registration')).body).toEqual({ registration: 'open' });
  });

  it('closed: every registration answers 403 REGISTRATION_CLOSED, with an invite too, a taken name too', async () => {
    const invite = await createInvite();
    await setMode('closed');
    for (const attempt of [register(), register(invite.code), register(undefined, admin.username)]) {
      const refused = await attempt.expect(403);
      expect(refused.body.error).toMatchObject({
        code: 'REGISTRATION_CLOSED',
        message: expect.stringMatching(/admin/),
      });
    }
    expect(await usesOf(invite)).toBe(0);
  });

  it('invite: without a code 403 INVITE_REQUIRED, with a bad one 403 INVITE_INVALID, with a good one 201', async () => {
    await setMode('invite');
    expect((await register().expect(403)).body.error.code).toBe('INVITE_REQUIRED');
    expect((await register('no-such-code').expect(403)).body.error.code).toBe('INVITE_INVALID');
    const invite = await createInvite();
    await register(invite.code).expect(201);
    expect(await usesOf(invite)).toBe(1);
  });

  it('open: a good invite code is counted, a bad one ignored', async () => {
    const invite = await createInvite({ maxUses: 1 });
    await register(invite.code).expect(201);
    await register(invite.code).expect(201);
    await register('no-such-code').expect(201);
    expect(await usesOf(invite)).toBe(1);
  });

  it('lets the first account of an empty installation register whatever the mode, exactly one of several at once', async () => {
    const fresh = await startTestServer();
    try {
      await fresh.prisma.instanceSettings.update({ where: { id: 1 }, data: { registration: 'closed' } });
      const answers = await Promise.all(
        ['one', 'two', 'three', 'four', 'five', 'six'].map((name) => register(undefined, `first_${name}`, fresh)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403, 403, 403, 403, 403]);
      expect(await fresh.prisma.user.count()).toBe(1);
      await register(undefined, 'later_one', fresh).expect(403);
    } finally {
      await fresh.close();
    }
  });
});

describe('invites', () => {
  it('are created with a random URL-safe code and a link to /register, 7 days and any number of uses by default', async () => {
    const before = Date.now();
    const invite = await createInvite();
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(invite.url).toBe(`${FRONTEND_URL}/register?invite=${invite.code}`);
    expect(invite).toMatchObject({ maxUses: null, uses: 0 });
    expect(Date.parse(invite.expiresAt) - before).toBeGreaterThan(168 * 3_600_000 - 60_000);
    const limited = await createInvite({ maxUses: 5, expiresInHours: 2 });
    expect(limited.maxUses).toBe(5);
    expect(Date.parse(limited.expiresAt) - before).toBeLessThan(2 * 3_600_000 + 60_000);
    expect(await lastAudit('invite.create')).toMatchObject({ actorId: admin.id, details: { inviteId: limited.id } });
  });

  it('refuses out-of-range limits and members', async () => {
    const bad = [{ maxUses: 0 }, { maxUses: 1001 }, { expiresInHours: 0 }, { expiresInHours: 721 }, { maxUses: 1.5 }];
    for (const body of [...bad, { code: 'mine' }]) {
      await api().post('/api/admin/invites').set(admin.auth).send(body).expect(400);
    }
    const member = await registerUser(server);
    await api().post('/api/admin/invites').set(member.auth).send({}).expect(403);
    await api().get('/api/admin/invites').set(member.auth).expect(403);
  });

  it('are listed while usable: not once revoked, expired or used up', async () => {
    await setMode('invite');
    const [kept, revoked, expired, usedUp] = await Promise.all([
      createInvite(),
      createInvite(),
      createInvite(),
      createInvite({ maxUses: 1 }),
    ]);
    await api().delete(`/api/admin/invites/${revoked.id}`).set(admin.auth).expect(204);
    await server.prisma.invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await register(usedUp.code).expect(201);

    const ids = await listed();
    expect(ids).toContain(kept.id);
    for (const gone of [revoked, expired, usedUp]) {
      expect(ids).not.toContain(gone.id);
      expect((await register(gone.code).expect(403)).body.error).toMatchObject({
        code: 'INVITE_INVALID',
        message: expect.stringMatching(/expired, been revoked or been used up/),
      });
    }
  });

  it('are revoked once (then 404), by admins, with an audit entry', async () => {
    const invite = await createInvite();
    const member = await registerUser(server);
    await api().delete(`/api/admin/invites/${invite.id}`).set(member.auth).expect(403);
    await api().delete(`/api/admin/invites/${invite.id}`).set(admin.auth).expect(204);
    expect(await lastAudit('invite.revoke')).toMatchObject({ actorId: admin.id, details: { inviteId: invite.id } });
    await api().delete(`/api/admin/invites/${invite.id}`).set(admin.auth).expect(404);
    await api().delete('/api/admin/invites/not-an-id').set(admin.auth).expect(400);
  });

  it('with one use left, admit exactly one of three concurrent registrations', async () => {
    await setMode('invite');
    const invite = await createInvite({ maxUses: 1 });
    const answers = await Promise.all([register(invite.code), register(invite.code), register(invite.code)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403, 403]);
    expect(await usesOf(invite)).toBe(1);
  });

  it('lose no use to a registration that fails (a name taken at the same moment)', async () => {
    await setMode('invite');
    const invite = await createInvite({ maxUses: 2 });
    const username = `samename${process.pid}`;
    const answers = await Promise.all([register(invite.code, username), register(invite.code, username)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await usesOf(invite)).toBe(1);
    await register(invite.code, admin.username).expect(409);
    expect(await usesOf(invite)).toBe(1);
  });

  it('are capped at 100 usable at once (409); a revoked one frees its place', async () => {
    const usable = (await listed()).length;
    await server.prisma.invite.createMany({
      data: Array.from({ length: 100 - usable }, (_, i) => ({
        code: `bulk-${i}`,
        expiresAt: new Date(Date.now() + 3_600_000),
      })),
    });
    const refused = await api().post('/api/admin/invites').set(admin.auth).send({}).expect(409);
    expect(refused.body.error.message).toMatch(/100 active invites/);
    await server.prisma.invite.updateMany({
      where: { code: { startsWith: 'bulk-' } },
      data: { revokedAt: new Date() },
    });
    await createInvite();
  });
});

describe('admin command line: registration [open|invite|closed]', () => {
  const run = async (args: string[]) => {
    const { context, printed } = await adminCommandContext(server.prisma);
    await registrationCommands.registration!.run(context, args);
    return printed;
  };

  it('shows the mode, and sets it through the same service, audited as the command line', async () => {
    expect(await run([])).toEqual(['Registration is open']);
    expect(await run(['invite'])).toEqual(['Registration is now invite']);
    expect((await api().get('/api/auth/registration')).body).toEqual({ registration: 'invite' });
    expect(await lastAudit('registration.update')).toMatchObject({
      actorId: null,
      actorLabel: 'command line',
      details: { from: 'open', to: 'invite' },
    });
  });

  it('refuses anything else with its usage', async () => {
    await expect(run(['sometimes'])).rejects.toThrow(new AdminCommandError('Usage: registration [open|invite|closed]'));
    await expect(run(['open', 'now'])).rejects.toThrow(AdminCommandError);
  });
});
