import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import * as socketServer from '../src/realtime/socket-server';
import { REST_MATRIX, type RestRow } from './helpers/authz-rest-matrix';
import { SOCKET_MATRIX, type Outcome } from './helpers/authz-socket-matrix';
import { ROLES, WorldCache, type MatrixRole, type Role, type World } from './helpers/authz-world';
import { images } from './helpers/images';
import { TEST_SIGNING_SECRETS } from './helpers/signing-secrets';
import { openApiOperations, recordRouters } from './helpers/route-table';
import { useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';
import { registerUser } from './helpers/users';

/**
 * Issue #11, authorization matrix: every REST operation and every socket event, for every role (anonymous,
 * stranger, contact, removed member, member, owner; and, for REST, an admin: issue #20), answers exactly what the
 * contract says. The tables live in
 * helpers/authz-*-matrix.ts; the tests below check that they cover exactly what the server serves, then run them.
 */

// Both spies must be in place before the server is built (in useTestServer's beforeAll).
const routers = recordRouters();
const attachHandlers = jest.spyOn(socketServer, 'attachHandlers');

// BCRYPT_ROUNDS is 4 in tests; every world registers 7 users and makes ~30 requests from one IP.
const { JWT_SECRET } = TEST_SIGNING_SECRETS;
const PASSWORD = 'correct horse battery';
const server = useTestServer({
  REGISTRATION_RATE_LIMIT_PER_HOUR: '100000',
  RATE_LIMIT_MAX_REQUESTS: '1000000',
});
const sockets = useTestSockets();

/** Served by Express under /api but not REST operations of the document: they are the document and its viewer. */
const DOCUMENTATION_ROUTES = ['GET /api/openapi.json', 'GET /api/docs'];
const isDocumentation = (route: string) => DOCUMENTATION_ROUTES.includes(route) || route.startsWith('GET /api/docs/');

const ERROR_CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};

const sorted = (keys: Iterable<string>) => [...keys].sort();
const byRole = <T>(values: readonly T[]) => ROLES.map((role, index) => [role, values[index] as T] as const);

/** The world of every GET row, and of the rows whose successes change nothing other rows look at. */
const sharedWorld = new WorldCache(server);

describe('the REST matrix', () => {
  it('has a row for exactly the operations of the OpenAPI document', () => {
    expect(sorted(Object.keys(REST_MATRIX))).toEqual(sorted(openApiOperations().keys()));
  });

  it('covers exactly the routes Express serves under /api (so no route escapes the document)', () => {
    const served = routers.operations('/api/');
    expect(sorted(DOCUMENTATION_ROUTES.filter((route) => served.has(route)))).toEqual(sorted(DOCUMENTATION_ROUTES));
    const operations = [...served].filter((route) => !isDocumentation(route));
    expect(sorted(operations)).toEqual(sorted(openApiOperations().keys()));
  });

  it('expects 401 for anonymous callers exactly where the document asks for a token', () => {
    const refusesAnonymous = Object.entries(REST_MATRIX).map(([key, row]) => [key, row.expect[0] === 401]);
    const needsToken = [...openApiOperations()].map(([key, operation]) => [key, !operation.public]);
    expect(Object.fromEntries(refusesAnonymous)).toEqual(Object.fromEntries(needsToken));
  });

  it('finds every status it expects listed in the document (401 is described once for all operations)', () => {
    const undocumented = Object.entries(REST_MATRIX).flatMap(([key, row]) => {
      const listed = openApiOperations().get(key)?.statuses ?? [];
      return [...new Set(row.expect)]
        .filter((status) => status !== 401 && !listed.includes(status))
        .map((s) => `${key} ${s}`);
    });
    expect(undocumented).toEqual([]);
  });

  describe.each(Object.entries(REST_MATRIX))('%s', (operation, row) => {
    const [method = '', template = ''] = operation.split(' ');
    const worlds = method === 'GET' || row.world === 'shared' ? sharedWorld : new WorldCache(server);

    const statuses: (readonly [MatrixRole, number])[] = [...byRole(row.expect), ['admin', row.admin ?? row.expect[1]]];
    it.each(statuses)('%s → %i', async (role, status) => {
      const world = await worlds.get();
      const response = await send(method, template, row, world, role);
      // Whatever the expectation, a change that happened spoils the world for the next role.
      if (method !== 'GET' && response.status < 300 && !row.world) worlds.spoil();
      const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
      expect({ status: response.status, code }).toEqual({ status, code: ERROR_CODES[status] });
      if (row.reveals && status < 300) {
        // The admin knows nobody: it sees what a stranger sees.
        expect({ revealsOwnersResource: row.reveals.when(response.body, world) }).toEqual({
          revealsOwnersResource: row.reveals.to.includes(role === 'admin' ? 'stranger' : role),
        });
      }
    });
  });
});

async function send(method: string, template: string, row: RestRow, world: World, role: MatrixRole) {
  const params = row.params?.(world) ?? {};
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`the row gives no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const api = request(server.url);
  const methods: Record<string, (url: string) => request.Test> = {
    GET: (url) => api.get(url),
    POST: (url) => api.post(url),
    PUT: (url) => api.put(url),
    DELETE: (url) => api.delete(url),
  };
  const call = methods[method];
  if (!call) throw new Error(`no client for ${method}`);
  let pending = call(path);
  if (role !== 'anonymous') pending = pending.set(world.users[role].auth);
  if (row.query) pending = pending.query(row.query(world));
  if (row.upload) pending = pending.attach('file', await images.png(), 'upload.png');
  else if (row.body) pending = pending.send(await row.body(world, role, server));
  return pending;
}

describe('the socket matrix', () => {
  it('has a row for exactly the events of the handler map the server attaches', () => {
    expect(attachHandlers).toHaveBeenCalledTimes(1);
    const handlers = attachHandlers.mock.calls[0]?.[1] ?? {};
    expect(sorted(Object.keys(SOCKET_MATRIX))).toEqual(sorted(Object.keys(handlers)));
  });

  describe.each(Object.entries(SOCKET_MATRIX))('%s', (event, row) => {
    const worlds = row.world === 'shared' ? sharedWorld : new WorldCache(server);

    it.each(byRole(row.expect))('%s → %s', async (role, outcome) => {
      const world = await worlds.get();
      const answer = await emitAs(role, world, event, row.payload(world, role));
      if (answer === 'ok' && !row.world) worlds.spoil();
      expect(answer).toBe(outcome);
    });
  });
});

/** Connects as the role (anonymous: with no token) and answers the outcome of one event. */
async function emitAs(role: Role, world: World, event: string, payload: object): Promise<Outcome | string> {
  let socket: Socket;
  try {
    socket = await sockets.connect(server.url, role === 'anonymous' ? '' : world.users[role].accessToken);
  } catch (error) {
    return `connect_error: ${(error as Error).message}`;
  }
  type Answer = { ok: boolean; error?: { code: string } };
  const ack = (await socket.timeout(5_000).emitWithAck(event, payload)) as Answer & { results?: Answer[] };
  socket.disconnect();
  // An event answered entry by entry (receipts:batch) is asked about one entry: its outcome is that entry's.
  const answer = ack.ok && ack.results ? (ack.results[0] ?? ack) : ack;
  return answer.ok ? 'ok' : (answer.error?.code ?? 'no code');
}

describe('refused access tokens', () => {
  type Kind =
    | 'tampered'
    | 'expired'
    | 'unsigned (alg none)'
    | 'signed with HS512'
    | 'signed with RS256'
    | 'revoked session'
    | 'logged out';
  const tokens = new Map<Kind, string>();

  beforeAll(async () => {
    const api = () => request(server.url);
    const user = await registerUser(server);
    const other = await registerUser(server);
    const claims = { sid: (jwt.decode(user.accessToken) as { sid: string }).sid, typ: 'access' };
    const sign = (secret: jwt.Secret, options: jwt.SignOptions, payload: object = claims) =>
      jwt.sign(payload, secret, { subject: user.id, ...options });
    const [header, payload, signature] = user.accessToken.split('.');
    const claimed = { ...(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object), sub: other.id };
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signIn = async () =>
      (await api().post('/api/auth/login').send({ username: user.username, password: PASSWORD }).expect(200)).body as {
        accessToken: string;
        refreshToken: string;
      };
    const [revoked, loggedOut] = [await signIn(), await signIn()];
    const revokedSid = (jwt.decode(revoked.accessToken) as { sid: string }).sid;
    await api().delete(`/api/auth/sessions/${revokedSid}`).set(user.auth).expect(204);
    await api().post('/api/auth/logout').send({ refreshToken: loggedOut.refreshToken }).expect(204);

    // Someone else's user id in a genuine token's payload, the signature kept.
    tokens.set('tampered', `${header}.${Buffer.from(JSON.stringify(claimed)).toString('base64url')}.${signature}`);
    tokens.set('expired', sign(JWT_SECRET, {}, { ...claims, exp: Math.floor(Date.now() / 1000) - 10 }));
    tokens.set('unsigned (alg none)', sign('', { algorithm: 'none' }));
    tokens.set('signed with HS512', sign(JWT_SECRET, { algorithm: 'HS512', expiresIn: 60 }));
    tokens.set('signed with RS256', sign(privateKey, { algorithm: 'RS256', expiresIn: 60 }));
    tokens.set('revoked session', revoked.accessToken);
    tokens.set('logged out', loggedOut.accessToken);
    // The same claims, properly signed, are accepted: the refusals above are about the token alone.
    await api()
      .get('/api/users/me')
      .set('Authorization', `Bearer ${sign(JWT_SECRET, { expiresIn: 60 })}`)
      .expect(200);
  });

  const rest = async (kind: Kind) => {
    const response = await request(server.url)
      .get('/api/users/me')
      .set('Authorization', `Bearer ${tokens.get(kind)}`);
    expect({ status: response.status, code: (response.body as { error?: { code: string } }).error?.code }).toEqual({
      status: 401,
      code: 'UNAUTHORIZED',
    });
  };
  const socket = async (kind: Kind) => {
    await expect(sockets.connect(server.url, tokens.get(kind) ?? '')).rejects.toThrow('unauthorized');
  };

  // src/modules/auth/sessions.test.ts already covers expired, alg none, HS512 and wrongly signed tokens over REST.
  it.each<Kind>(['tampered', 'signed with RS256'])('REST answers 401 to a token that is %s', rest);
  it.each<Kind>(['tampered', 'expired', 'unsigned (alg none)', 'signed with HS512', 'signed with RS256'])(
    'Socket.IO refuses a token that is %s',
    socket,
  );
  // A signed-out session's access tokens stop working at once, not when they expire (revoked-sessions.ts).
  it.each<Kind>(['revoked session', 'logged out'])('REST answers 401 to the access token of a %s', rest);
  it.each<Kind>(['revoked session', 'logged out'])('Socket.IO refuses the access token of a %s', socket);
});
