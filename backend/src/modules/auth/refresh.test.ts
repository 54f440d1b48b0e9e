import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestServer, useTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { registerUser } from '../../../tests/helpers/users';

const JWT_REFRESH_SECRET = 'test-refresh-secret-of-enough-length';
const server = useTestServer({ JWT_REFRESH_SECRET });

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const refresh = (target: TestServer, refreshToken: string) =>
  request(target.url).post('/api/auth/refresh').send({ refreshToken });
const me = (target: TestServer, accessToken: string) =>
  request(target.url).get('/api/users/me').set('Authorization', `Bearer ${accessToken}`);
const sessionIdOf = (refreshToken: string) => refreshToken.split('.')[0] ?? '';

describe('refresh token rotation', () => {
  it('refuses a token the server never issued for the session with 401, and the session goes on', async () => {
    const user = await registerUser(server);
    const other = await registerUser(server);
    const sessionId = sessionIdOf(user.refreshToken);
    const [, otherChain, otherTag] = other.refreshToken.split('.');
    const forged = [
      `${sessionId}.garbage`,
      `${sessionId}.garbage.garbage`,
      // Another session's genuine chain and tag under this session's id.
      `${sessionId}.${otherChain}.${otherTag}`,
    ];
    for (const refreshToken of forged) {
      const refused = await refresh(server, refreshToken);
      expect({ refreshToken, status: refused.status }).toEqual({ refreshToken, status: 401 });
    }
    await request(server.url).post('/api/auth/logout').send({ refreshToken: forged[0] }).expect(204);

    await me(server, user.accessToken).expect(200);
    const renewed = await refresh(server, user.refreshToken).expect(200);
    await me(server, (renewed.body as TokenPair).accessToken).expect(200);
    await refresh(server, other.refreshToken).expect(200);
  });

  it('answers the token a lost response would have replaced with the same new pair, within the grace window', async () => {
    const user = await registerUser(server);
    const first = (await refresh(server, user.refreshToken).expect(200)).body as TokenPair;
    // The response was lost: the device presents the token it still has.
    const again = (await refresh(server, user.refreshToken).expect(200)).body as TokenPair;

    expect(again.refreshToken).toBe(first.refreshToken);
    expect(again.refreshToken).not.toBe(user.refreshToken);
    await me(server, again.accessToken).expect(200);
    // The chain goes on from the pair both answers carried.
    await refresh(server, first.refreshToken).expect(200);
  });

  it('gives two refreshes with the same token at once the same pair, and signs neither out', async () => {
    const user = await registerUser(server);
    const answers = await Promise.all([refresh(server, user.refreshToken), refresh(server, user.refreshToken)]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const [a, b] = answers.map((answer) => answer.body as TokenPair);
    expect(a?.refreshToken).toBe(b?.refreshToken);
    for (const pair of [a, b]) await me(server, pair?.accessToken ?? '').expect(200);
    await refresh(server, a?.refreshToken ?? '').expect(200);
  });

  it('ends the session when a token older than the last rotation comes back, whenever that is', async () => {
    const user = await registerUser(server);
    const second = (await refresh(server, user.refreshToken).expect(200)).body as TokenPair;
    const third = (await refresh(server, second.refreshToken).expect(200)).body as TokenPair;

    const reused = await refresh(server, user.refreshToken).expect(401);
    expect(reused.body.error.message).toMatch(/already used/);
    await refresh(server, third.refreshToken).expect(401);
    await me(server, third.accessToken).expect(401);
  });

  it('still refreshes a session whose token was issued before tokens carried a tag', async () => {
    const user = await registerUser(server);
    const sessionId = randomUUID();
    const untagged = `${sessionId}.an-untagged-random-value`;
    await server.prisma.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        refreshTokenHash: createHmac('sha256', JWT_REFRESH_SECRET).update(untagged).digest('hex'),
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });

    const renewed = (await refresh(server, untagged).expect(200)).body as TokenPair;
    expect((await refresh(server, untagged).expect(200)).body).toMatchObject({ refreshToken: renewed.refreshToken });
    await refresh(server, renewed.refreshToken).expect(200);
  });
});

describe('refresh token reuse after the grace window', () => {
  const GRACE_MS = 200;
  let shortGrace: TestServer;
  beforeAll(async () => {
    shortGrace = await startTestServer({ JWT_REFRESH_GRACE_MS: String(GRACE_MS) });
  });
  afterAll(() => shortGrace.close());

  it('revokes the whole session when an already-used refresh token comes back', async () => {
    const user = await registerUser(shortGrace);
    const first = (await refresh(shortGrace, user.refreshToken).expect(200)).body as TokenPair;
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 100));

    await refresh(shortGrace, user.refreshToken).expect(401);
    // The thief replayed the old token, so the legitimate newer token is dead too, and so is its access token.
    await refresh(shortGrace, first.refreshToken).expect(401);
    await me(shortGrace, first.accessToken).expect(401);
  });
});
