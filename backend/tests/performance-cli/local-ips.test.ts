import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { Connections } from '../../../tools/performance-test/src/connections';
import { Metrics } from '../../../tools/performance-test/src/metrics';
import type { WorldState } from '../../../tools/performance-test/src/world/state';

/**
 * --local-ips: each socket connects from the address given for its user, which is what lets nginx's
 * `hash $remote_addr` spread one load generator's sockets over the instances.
 */
let http: HttpServer;
let io: Server;
let url: string;
const seen = new Map<string, string>();

beforeAll(async () => {
  http = createServer();
  io = new Server(http);
  io.on('connection', (socket) => {
    seen.set(String((socket.handshake.auth as { token: string }).token), socket.handshake.address);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await io.close();
});

const world = (users: number): WorldState => ({
  version: 1,
  fingerprint: 'local-ips',
  createdAt: new Date(0).toISOString(),
  users: Array.from({ length: users }, (_, i) => ({
    id: `u${i}`,
    username: `u${i}`,
    accessToken: `token-${i}`,
    refreshToken: 'unused',
  })),
  chats: [],
});

async function connectAll(localIps: string[], users: number): Promise<Connections> {
  const connections = new Connections({
    target: url,
    socketTargets: [url],
    localIps,
    world: world(users),
    hosted: [...Array(users).keys()],
    rampStartMs: performance.timeOrigin + performance.now(),
    rampUpSeconds: 0,
    runId: 'local-ips',
    metrics: new Metrics(),
    receiptIntervalMs: 0,
    perChatReceipts: false,
  });
  await connections.open(performance.timeOrigin + performance.now() + 10_000);
  return connections;
}

it('connects user k from the (k mod n)-th address', async () => {
  const connections = await connectAll(['127.0.0.2', '127.0.0.3', '127.0.0.4'], 5);
  connections.close();
  expect([0, 1, 2, 3, 4].map((i) => seen.get(`token-${i}`))).toEqual([
    '127.0.0.2',
    '127.0.0.3',
    '127.0.0.4',
    '127.0.0.2',
    '127.0.0.3',
  ]);
});

it('leaves the source address to the system without --local-ips', async () => {
  seen.clear();
  const connections = await connectAll([], 2);
  connections.close();
  expect(seen.get('token-0')).toBe('127.0.0.1');
  expect(seen.get('token-1')).toBe('127.0.0.1');
});
