import request from 'supertest';
import { nextEvent, useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';
import { registerUser } from './helpers/users';

const sockets = useTestSockets();
const server = useTestServer({ JWT_ACCESS_EXPIRY: '2s', SOCKET_REAUTH_GRACE_MS: '1000' });

const freshToken = async (refreshToken: string) =>
  (await request(server.url).post('/api/auth/refresh').send({ refreshToken }).expect(200)).body as {
    accessToken: string;
    refreshToken: string;
  };

it('asks for a fresh token when the access token expires, and keeps a socket that sends one', async () => {
  const user = await registerUser(server);
  const socket = await sockets.connect(server.url, user.accessToken);
  await nextEvent(socket, 'auth:expired', 4_000);
  const { accessToken } = await freshToken(user.refreshToken);
  expect(await socket.timeout(2_000).emitWithAck('auth:refresh', { token: accessToken })).toEqual({ ok: true });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(socket.connected).toBe(true);
});

it('disconnects a socket that does not re-authenticate, or tries another session’s token', async () => {
  const user = await registerUser(server);
  const other = await registerUser(server);
  const silent = await sockets.connect(server.url, user.accessToken);
  const impostor = await sockets.connect(server.url, user.accessToken);
  await nextEvent(impostor, 'auth:expired', 4_000);
  const { accessToken: othersToken } = await freshToken(other.refreshToken);
  const refused = await impostor.timeout(2_000).emitWithAck('auth:refresh', { token: othersToken });
  expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  await Promise.all([nextEvent(silent, 'disconnect', 4_000), nextEvent(impostor, 'disconnect', 4_000)]);
});

it('refuses to connect with an expired token', async () => {
  const user = await registerUser(server);
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  await expect(sockets.connect(server.url, user.accessToken)).rejects.toThrow('unauthorized');
});
