import type { Socket } from 'socket.io-client';
import { useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';
import { registerUser } from './helpers/users';

const MAX_PER_USER = 3;
const sockets = useTestSockets();
const server = useTestServer({ SOCKET_MAX_PER_USER: String(MAX_PER_USER) });

/** A connection attempt's outcome: 'connected', or the message of its connect_error. */
const attempt = (token: string) =>
  sockets.connect(server.url, token).then(
    () => 'connected',
    (error: Error & { data?: unknown }) => ({ message: error.message, data: error.data }),
  );

describe('sockets per user', () => {
  it('refuses a connection past SOCKET_MAX_PER_USER with a connect_error that says so', async () => {
    const user = await registerUser(server);
    const other = await registerUser(server);
    const open: Socket[] = [];
    for (let i = 0; i < MAX_PER_USER; i++) open.push(await sockets.connect(server.url, user.accessToken));

    expect(await attempt(user.accessToken)).toEqual({
      message: 'too many connections',
      data: { code: 'TOO_MANY_CONNECTIONS', max: MAX_PER_USER },
    });
    // The cap is the user's, not the server's.
    expect(await attempt(other.accessToken)).toBe('connected');
    expect(open.every((socket) => socket.connected)).toBe(true);

    // A closed socket gives its place back (once the server has seen it go).
    open[0]?.disconnect();
    const deadline = Date.now() + 10_000;
    let outcome = await attempt(user.accessToken);
    while (outcome !== 'connected' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      outcome = await attempt(user.accessToken);
    }
    expect(outcome).toBe('connected');
  });

  it('lets no more than the cap through when many connections of one user arrive at once', async () => {
    const user = await registerUser(server);
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => attempt(user.accessToken)));
    expect(outcomes.filter((outcome) => outcome === 'connected')).toHaveLength(MAX_PER_USER);
  });
});

describe('auth:refresh rate limit', () => {
  it('answers a socket past 5 auth:refresh a minute with RATE_LIMITED, keeping it and other sockets connected', async () => {
    const user = await registerUser(server);
    const busy = await sockets.connect(server.url, user.accessToken);
    const calm = await sockets.connect(server.url, user.accessToken);
    const reauthenticate = (socket: Socket) =>
      socket.timeout(5_000).emitWithAck('auth:refresh', { token: user.accessToken }) as Promise<unknown>;

    for (let i = 0; i < 5; i++) expect(await reauthenticate(busy)).toEqual({ ok: true });
    expect(await reauthenticate(busy)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });

    expect(busy.connected).toBe(true);
    expect(await reauthenticate(calm)).toEqual({ ok: true });
  });
});
