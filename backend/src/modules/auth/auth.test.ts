import bcrypt from 'bcrypt';
import request from 'supertest';
import { useTestServer } from '../../../tests/helpers/test-server';
import { registerUser } from '../../../tests/helpers/users';

const server = useTestServer();

const api = () => request(server.url);

describe('register', () => {
  it('creates the account, signs in and sets an httpOnly refresh cookie scoped to /api/auth', async () => {
    const response = await api()
      .post('/api/auth/register')
      .send({ username: 'Ada.L', password: 'analytical engine', displayName: 'Ada Lovelace' })
      .expect(201);
    expect(response.body.user).toMatchObject({ username: 'Ada.L', displayName: 'Ada Lovelace', online: false });
    expect(response.body.user.passwordHash).toBeUndefined();
    expect(typeof response.body.accessToken).toBe('string');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/refresh_token=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
  });

  it('refuses a username taken in another letter case with 409', async () => {
    await api().post('/api/auth/register').send({ username: 'grace', password: 'cobol rules!' }).expect(201);
    const response = await api()
      .post('/api/auth/register')
      .send({ username: 'GRACE', password: 'cobol rules!' })
      .expect(409);
    expect(response.body.error.code).toBe('CONFLICT');
  });

  it('gives a new username to exactly one of several registrations racing for it', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api().post('/api/auth/register').send({ username: 'ada', password: 'engines!!' }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it.each([
    [{ username: 'ab', password: 'long enough' }, 'username'],
    [{ username: 'has space', password: 'long enough' }, 'username'],
    [{ username: 'valid_name', password: 'short' }, 'password'],
    [{ password: 'long enough' }, 'username'],
  ])('rejects %j with a 400 naming %s', async (body, field) => {
    const response = await api().post('/api/auth/register').send(body).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it.each([
    ['73 ASCII characters', 'x'.repeat(73)],
    ['37 accented letters (74 bytes)', 'é'.repeat(37)],
    ['19 emoji (76 bytes)', '🔑'.repeat(19)],
  ])('refuses a password over the 72 bytes bcrypt reads (%s) instead of cutting it', async (_case, password) => {
    const response = await api().post('/api/auth/register').send({ username: 'long_secret', password }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details).toEqual([{ field: 'password', message: expect.stringMatching(/72 bytes/) }]);
  });

  it('accepts a password of exactly 72 bytes, in one-byte and in two-byte characters', async () => {
    await api()
      .post('/api/auth/register')
      .send({ username: 'ascii_72', password: 'x'.repeat(72) })
      .expect(201);
    await api()
      .post('/api/auth/register')
      .send({ username: 'accents_72', password: 'é'.repeat(36) })
      .expect(201);
  });
});

describe('login', () => {
  it('signs in with the right password, case-insensitively by username', async () => {
    const user = await registerUser(server, 'Linus');
    const response = await api()
      .post('/api/auth/login')
      .send({ username: 'linus', password: 'correct horse battery' })
      .expect(200);
    expect(response.body.user.id).toBe(user.id);
  });

  it('still signs in an account whose password was set past 72 bytes before that was refused', async () => {
    // Such accounts exist from before registration refused long passwords; bcrypt compared their first 72 bytes
    // then and still does, so refusing long sign-ins would lock them out with no way to reset the password.
    const user = await registerUser(server, 'long_ago');
    const legacyPassword = 'an old passphrase that went on and on, '.repeat(3);
    await server.prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await bcrypt.hash(legacyPassword, 4) },
    });
    await api().post('/api/auth/login').send({ username: 'long_ago', password: legacyPassword }).expect(200);
    await api().post('/api/auth/login').send({ username: 'long_ago', password: 'correct horse battery' }).expect(401);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    await registerUser(server, 'margaret');
    const wrong = await api().post('/api/auth/login').send({ username: 'margaret', password: 'nope nope' });
    const unknown = await api().post('/api/auth/login').send({ username: 'nobody', password: 'nope nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });
});

describe('access tokens', () => {
  it('guard the API: no token gets 401, the issued token gets the profile', async () => {
    const user = await registerUser(server);
    await api().get('/api/users/me').expect(401);
    await api().get('/api/users/me').set('Authorization', 'Basic abc').expect(401);
    const me = await api().get('/api/users/me').set(user.auth).expect(200);
    expect(me.body.user).toMatchObject({ id: user.id, username: user.username });
  });
});

describe('refresh and logout', () => {
  it('rotates the refresh token from the cookie, and keeps a browser signed in', async () => {
    const agent = request.agent(server.url);
    await agent.post('/api/auth/register').send({ username: 'cookie_user', password: 'long enough' }).expect(201);
    const refreshed = await agent.post('/api/auth/refresh').send({}).expect(200);
    await agent.get('/api/users/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
    await agent.post('/api/auth/refresh').send({}).expect(200);
  });

  it('logout ends the session', async () => {
    const user = await registerUser(server);
    await api().post('/api/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('refuses garbage refresh tokens with 401, not 500', async () => {
    for (const refreshToken of ['garbage', 'a.b', `${'0'.repeat(36)}.x`]) {
      await api().post('/api/auth/refresh').send({ refreshToken }).expect(401);
    }
    await api().post('/api/auth/refresh').send({}).expect(401);
  });
});
