import { createHash } from 'node:crypto';
import request from 'supertest';
import { loadEnv } from '../../config/env';
import { adminCommandContext, promoteToAdmin } from '../../../tests/helpers/admin-context';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { startTestServer, useTestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';
import { AdminCommandError } from '../admin/admin-command';
import { passwordCommands } from './passwords.cli-commands';

const PASSWORD = 'correct horse battery';
const FRONTEND_URL = 'https://chat.example.org';
const sockets = useTestSockets();
const server = useTestServer({ AUTH_RATE_LIMIT_MAX_ATTEMPTS: '1000', FRONTEND_URL });
const api = () => request(server.url);

interface IssuedReset {
  resetToken: string;
  resetUrl: string;
  expiresAt: string;
}

let admin: TestUser;
beforeAll(async () => {
  admin = await promoteToAdmin(server, await registerUser(server));
});

const issue = async (user: TestUser): Promise<IssuedReset> =>
  (await api().post(`/api/admin/users/${user.id}/password-reset`).set(admin.auth).expect(201)).body as IssuedReset;
const redeem = (resetToken: string, newPassword = 'a fresh password') =>
  api().post('/api/auth/password-reset').send({ resetToken, newPassword });
const signIn = (username: string, password: string) => api().post('/api/auth/login').send({ username, password });
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('POST /api/admin/users/:id/password-reset', () => {
  it('issues a one-use token of 256 random bits, URL-safe, shown once: only its SHA-256 is stored', async () => {
    const user = await registerUser(server);
    const before = Date.now();
    const issued = await issue(user);
    expect(issued.resetToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.resetUrl).toBe(`${FRONTEND_URL}/reset-password?token=${issued.resetToken}`);
    const expiresIn = Date.parse(issued.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3_600_000 + 1_000);

    const stored = await server.prisma.passwordResetToken.findMany({ where: { userId: user.id } });
    expect(stored).toEqual([
      expect.objectContaining({ tokenHash: sha256(issued.resetToken), issuedById: admin.id, usedAt: null }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(issued.resetToken);
  });

  it('records who issued it for whom in the audit log', async () => {
    const user = await registerUser(server);
    await issue(user);
    const entry = await server.prisma.auditLogEntry.findFirst({
      where: { action: 'user.password-reset-issued', targetUserId: user.id },
    });
    expect(entry).toMatchObject({ actorId: admin.id, actorLabel: admin.username, targetLabel: user.username });
  });

  it('is for admins only, and answers 404 for an unknown user and 400 for a malformed id', async () => {
    const member = await registerUser(server);
    const refused = await api().post(`/api/admin/users/${member.id}/password-reset`).set(member.auth).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await api().post(`/api/admin/users/${member.id}/password-reset`).expect(401);
    await api()
      .post('/api/admin/users/00000000-0000-4000-8000-000000000000/password-reset')
      .set(admin.auth)
      .expect(404);
    await api().post('/api/admin/users/not-an-id/password-reset').set(admin.auth).expect(400);
    expect(await server.prisma.passwordResetToken.count({ where: { userId: member.id } })).toBe(0);
  });

  it('makes the older unused token of the user stop working when a new one is issued', async () => {
    const user = await registerUser(server);
    const older = await issue(user);
    const newer = await issue(user);
    expect((await redeem(older.resetToken).expect(400)).body.error.code).toBe('RESET_TOKEN_INVALID');
    await redeem(newer.resetToken).expect(204);
  });

  it('may be issued for a deactivated user, and setting the password does not reactivate them', async () => {
    const user = await registerUser(server);
    await server.prisma.user.update({ where: { id: user.id }, data: { status: 'deactivated' } });
    await redeem((await issue(user)).resetToken).expect(204);
    expect(await server.prisma.user.findUnique({ where: { id: user.id }, select: { status: true } })).toEqual({
      status: 'deactivated',
    });
  });
});

describe('POST /api/auth/password-reset', () => {
  it('sets the new password and ends every session of the user: tokens, refresh tokens and open sockets', async () => {
    const user = await registerUser(server);
    const socket = await sockets.connect(server.url, user.accessToken);
    const disconnected = nextEvent(socket, 'disconnect');
    const { resetToken } = await issue(user);

    await redeem(resetToken, 'the new one, at last').expect(204);

    await disconnected;
    await api().get('/api/users/me').set(user.auth).expect(401);
    await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await signIn(user.username, PASSWORD).expect(401);
    await signIn(user.username, 'the new one, at last').expect(200);
  });

  it('works once: a reused, unknown or expired token answers 400 RESET_TOKEN_INVALID, without telling them apart', async () => {
    const user = await registerUser(server);
    const used = await issue(user);
    await redeem(used.resetToken).expect(204);
    const other = await registerUser(server);
    const expired = await issue(other);
    await server.prisma.passwordResetToken.updateMany({
      where: { tokenHash: sha256(expired.resetToken) },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });

    const answers = await Promise.all(
      [used.resetToken, 'made-up-token', expired.resetToken].map(async (token) => (await redeem(token)).body),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0].error).toMatchObject({ code: 'RESET_TOKEN_INVALID', message: expect.stringMatching(/admin/) });
    await signIn(other.username, PASSWORD).expect(200);
  });

  it('lets exactly one of two concurrent uses of the same token through', async () => {
    const user = await registerUser(server);
    const { resetToken } = await issue(user);
    const answers = await Promise.all([redeem(resetToken, 'first choice!'), redeem(resetToken, 'second choice!')]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 400]);
    const winner = answers[0]?.status === 204 ? 'first choice!' : 'second choice!';
    await signIn(user.username, winner).expect(200);
  });

  it('holds the new password to the registration rules and keeps the token when it refuses one', async () => {
    const user = await registerUser(server);
    const { resetToken } = await issue(user);
    const tooLong = await redeem(resetToken, '😀'.repeat(19)).expect(400);
    expect(tooLong.body.error.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    await redeem(resetToken, 'short').expect(400);
    await api().post('/api/auth/password-reset').send({ resetToken, newPassword: 'long enough', more: 1 }).expect(400);
    await redeem(resetToken).expect(204);
  });
});

describe('failed password resets', () => {
  it('are limited per address like failed logins: then 429 with Retry-After', async () => {
    const limited = await startTestServer({ AUTH_RATE_LIMIT_MAX_ATTEMPTS: '3' });
    try {
      const reset = () =>
        request(limited.url)
          .post('/api/auth/password-reset')
          .send({ resetToken: 'guess', newPassword: 'new password' });
      for (let attempt = 0; attempt < 3; attempt++) await reset().expect(400);
      const blocked = await reset().expect(429);
      expect(blocked.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

describe('PASSWORD_RESET_TTL', () => {
  it('defaults to 24 hours and refuses more', () => {
    expect(loadEnv({}).PASSWORD_RESET_TTL).toBe(24 * 3_600_000);
    expect(loadEnv({ PASSWORD_RESET_TTL: '30m' }).PASSWORD_RESET_TTL).toBe(30 * 60_000);
    expect(() => loadEnv({ PASSWORD_RESET_TTL: '25h' })).toThrow(/PASSWORD_RESET_TTL: must be at most 24h/);
  });
});

describe('admin command line: reset-password <username>', () => {
  it('prints a working reset link and token, recorded in the audit log as the command line', async () => {
    const user = await registerUser(server);
    const { context, printed } = await adminCommandContext(server.prisma, { FRONTEND_URL });
    await passwordCommands['reset-password']?.run(context, [user.username.toUpperCase()]);

    const link = printed.find((line) => line.includes('/reset-password?token='));
    const token = /token=([A-Za-z0-9_-]+)/.exec(link ?? '')?.[1] ?? '';
    expect(printed.join('\n')).toContain(`token: ${token}`);
    expect(printed.join('\n')).toContain(user.username);
    await redeem(token, 'set from a shell').expect(204);
    await signIn(user.username, 'set from a shell').expect(200);
    const entry = await server.prisma.auditLogEntry.findFirst({
      where: { action: 'user.password-reset-issued', targetUserId: user.id },
    });
    expect(entry).toMatchObject({ actorId: null, actorLabel: 'command line', targetLabel: user.username });
  });

  it('fails with a clear message for an unknown username or missing argument', async () => {
    const { context, printed } = await adminCommandContext(server.prisma);
    const run = (args: string[]) => passwordCommands['reset-password']?.run(context, args);
    await expect(run(['nobody_by_that_name'])).rejects.toThrow(
      new AdminCommandError('There is no user named "nobody_by_that_name"'),
    );
    await expect(run([])).rejects.toThrow(new AdminCommandError('Usage: reset-password <username>'));
    expect(printed).toEqual([]);
  });
});
