import request from 'supertest';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { startTestServer, useTestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

const PASSWORD = 'correct horse battery';
const sockets = useTestSockets();
const server = useTestServer({ AUTH_RATE_LIMIT_MAX_ATTEMPTS: '1000' });
const api = () => request(server.url);

const signIn = (username: string, password = PASSWORD) => api().post('/api/auth/login').send({ username, password });
const changePassword = (user: Pick<TestUser, 'auth'>, body: object) =>
  api().put('/api/users/me/password').set(user.auth).send(body);

describe('PUT /api/users/me/password', () => {
  it('sets the new password, ends every other session (tokens, refresh, sockets) and keeps the current one', async () => {
    const phone = await registerUser(server);
    const laptop = (await signIn(phone.username).expect(200)).body as { accessToken: string; refreshToken: string };
    const laptopSocket = await sockets.connect(server.url, laptop.accessToken);
    const phoneSocket = await sockets.connect(server.url, phone.accessToken);
    const laptopDisconnected = nextEvent(laptopSocket, 'disconnect');

    await changePassword(phone, { currentPassword: PASSWORD, newPassword: 'a brand new secret' }).expect(204);

    await laptopDisconnected;
    await api().get('/api/users/me').set('Authorization', `Bearer ${laptop.accessToken}`).expect(401);
    await api().post('/api/auth/refresh').send({ refreshToken: laptop.refreshToken }).expect(401);
    expect(phoneSocket.connected).toBe(true);
    await api().get('/api/users/me').set(phone.auth).expect(200);
    await api().post('/api/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(200);
    await signIn(phone.username).expect(401);
    await signIn(phone.username, 'a brand new secret').expect(200);
  });

  it('refuses a wrong current password with 403 WRONG_PASSWORD and changes nothing', async () => {
    const user = await registerUser(server);
    const other = (await signIn(user.username).expect(200)).body as { refreshToken: string };
    const refused = await changePassword(user, { currentPassword: 'not my password', newPassword: 'whatever it is' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: 'WRONG_PASSWORD', message: 'The current password is not correct' });
    await signIn(user.username).expect(200);
    await api().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('holds the new password to the registration rules (8 characters, 72 bytes) and names the field', async () => {
    const user = await registerUser(server);
    const cases = { short: 'seven77', tooManyBytes: 'é'.repeat(37), missing: undefined };
    for (const newPassword of Object.values(cases)) {
      const response = await changePassword(user, { currentPassword: PASSWORD, newPassword }).expect(400);
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    }
    await changePassword(user, { currentPassword: PASSWORD, newPassword: 'x'.repeat(72) }).expect(204);
    await changePassword(user, { currentPassword: 'x'.repeat(72), newPassword: PASSWORD, extra: 1 }).expect(400);
    await signIn(user.username, 'x'.repeat(72)).expect(200);
  });

  it('needs an access token', async () => {
    await api()
      .put('/api/users/me/password')
      .send({ currentPassword: PASSWORD, newPassword: 'new password' })
      .expect(401);
  });

  it('lets exactly one of two concurrent changes with the same current password through', async () => {
    const user = await registerUser(server);
    const answers = await Promise.all(
      ['first new password', 'second new password'].map((newPassword) =>
        changePassword(user, { currentPassword: PASSWORD, newPassword }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 403]);
    const winner = answers.findIndex((answer) => answer.status === 204) === 0 ? 'first' : 'second';
    await signIn(user.username, `${winner} new password`).expect(200);
  });
});

describe('wrong current passwords', () => {
  it('are limited like failed logins (AUTH_RATE_LIMIT_MAX_ATTEMPTS per user): then 429 with Retry-After', async () => {
    const limited = await startTestServer({ AUTH_RATE_LIMIT_MAX_ATTEMPTS: '3' });
    try {
      const user = await registerUser(limited);
      const other = await registerUser(limited);
      const change = (who: TestUser, currentPassword: string) =>
        request(limited.url)
          .put('/api/users/me/password')
          .set(who.auth)
          .send({ currentPassword, newPassword: 'another password' });
      for (let attempt = 0; attempt < 3; attempt++) await change(user, 'guess').expect(403);
      const blocked = await change(user, PASSWORD).expect(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect(blocked.body.error.code).toBe('RATE_LIMITED');
      await change(other, PASSWORD).expect(204);
    } finally {
      await limited.close();
    }
  });
});
