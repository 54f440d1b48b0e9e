import jwt from 'jsonwebtoken';
import request from 'supertest';
import { TEST_SIGNING_SECRETS } from '../../../tests/helpers/signing-secrets';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { startTestServer, useTestServer } from '../../../tests/helpers/test-server';
import { registerUser } from '../../../tests/helpers/users';

const { JWT_SECRET } = TEST_SIGNING_SECRETS;
const sockets = useTestSockets();
const server = useTestServer({ JWT_ACCESS_EXPIRY: '2s' });

const api = () => request(server.url);
const me = (token: string) => api().get('/api/users/me').set('Authorization', `Bearer ${token}`);

describe('access token tampering', () => {
  it('accepts only HS256 access tokens signed with JWT_SECRET that have not expired', async () => {
    const user = await registerUser(server);
    const { sid } = jwt.decode(user.accessToken) as { sid: string };
    const claims = { sid, typ: 'access' };
    const sign = (payload: object, secret: string, options: jwt.SignOptions) =>
      jwt.sign(payload, secret, { subject: user.id, ...options });

    await me(user.accessToken).expect(200);
    await me(sign(claims, JWT_SECRET, { algorithm: 'HS256', expiresIn: 60 })).expect(200);
    const refused = {
      'another algorithm': sign(claims, JWT_SECRET, { algorithm: 'HS512', expiresIn: 60 }),
      'a wrong signature': sign(claims, 'someone-elses-secret-of-enough-length', { expiresIn: 60 }),
      'alg none': sign(claims, '', { algorithm: 'none' }),
      'a wrong type': sign({ sid, typ: 'refresh' }, JWT_SECRET, { expiresIn: 60 }),
      'no session': sign({ typ: 'access' }, JWT_SECRET, { expiresIn: 60 }),
      'an expired exp': sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, JWT_SECRET, {}),
      'a truncated token': user.accessToken.slice(0, -5),
    };
    for (const [why, token] of Object.entries(refused)) {
      const response = await me(token);
      expect({ why, status: response.status, code: response.body.error?.code }).toEqual({
        why,
        status: 401,
        code: 'UNAUTHORIZED',
      });
    }
  });

  it('lets an access token expire after JWT_ACCESS_EXPIRY', async () => {
    const user = await registerUser(server);
    await me(user.accessToken).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const expired = await me(user.accessToken).expect(401);
    expect(expired.body.error.message).toMatch(/expired/i);
  });
});

describe('sessions', () => {
  it('lists each signed-in device and revokes one without touching the others', async () => {
    const phone = await registerUser(server);
    const laptop = await api()
      .post('/api/auth/login')
      .set('User-Agent', 'Laptop browser')
      .send({ username: phone.username, password: 'correct horse battery' })
      .expect(200);

    const listed = await me(phone.accessToken);
    expect(listed.status).toBe(200);
    const sessions = await api().get('/api/auth/sessions').set(phone.auth).expect(200);
    expect(sessions.body.sessions).toHaveLength(2);
    const laptopSession = sessions.body.sessions.find((s: { userAgent: string }) => s.userAgent === 'Laptop browser');
    expect(laptopSession.current).toBe(false);
    expect(sessions.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const laptopSocket = await sockets.connect(server.url, laptop.body.accessToken);
    const disconnected = nextEvent(laptopSocket, 'disconnect');
    await api().delete(`/api/auth/sessions/${laptopSession.id}`).set(phone.auth).expect(204);
    await disconnected;
    await api().post('/api/auth/refresh').send({ refreshToken: laptop.body.refreshToken }).expect(401);
    await api().post('/api/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(200);
    expect((await api().get('/api/auth/sessions').set(phone.auth)).body.sessions).toHaveLength(1);
  });

  it("cannot see or revoke someone else's session", async () => {
    const alice = await registerUser(server);
    const mallory = await registerUser(server);
    const alicesSessions = await api().get('/api/auth/sessions').set(alice.auth);
    const aliceSession = alicesSessions.body.sessions[0].id as string;
    await api().delete(`/api/auth/sessions/${aliceSession}`).set(mallory.auth).expect(404);
    await api().delete('/api/auth/sessions/not-a-session').set(mallory.auth).expect(400);
    await api().post('/api/auth/refresh').send({ refreshToken: alice.refreshToken }).expect(200);
  });

  it('survive a server restart: the refresh token works on a new server over the same database', async () => {
    const user = await registerUser(server);
    const restarted = await startTestServer({}, { url: server.databaseUrl, drop: async () => undefined });
    try {
      await request(restarted.url).post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    } finally {
      await restarted.close();
    }
  });
});
