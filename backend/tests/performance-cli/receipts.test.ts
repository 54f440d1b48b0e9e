import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { Connections } from '../../../tools/performance-test/src/connections';
import { Metrics } from '../../../tools/performance-test/src/metrics';
import type { WorldState } from '../../../tools/performance-test/src/world/state';

/**
 * The CLI puts receipts into the load as the web app does: every chat that moved in one `receipts:batch` per
 * interval, declaring `receipts-batch`; with --per-chat-receipts a `message:delivered` per chat, as older clients,
 * without declaring it. Refused receipts count as errors, and the rate-limited ones go again.
 */
let http: HttpServer;
let io: Server;
let url: string;
let onSocket: (socket: ServerSocket) => void = () => undefined;

beforeAll(async () => {
  http = createServer();
  io = new Server(http);
  io.on('connection', (socket) => onSocket(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await io.close();
});

const RUN = 'rcpt';
const world: WorldState = {
  version: 1,
  fingerprint: 'receipts',
  createdAt: new Date(0).toISOString(),
  users: [{ id: 'u0', username: 'u0', accessToken: 'token-0', refreshToken: 'unused' }],
  chats: [
    { id: 'c1', type: 'direct', members: [0] },
    { id: 'c2', type: 'group', members: [0] },
  ],
};

/** A `message:new` of this run from someone else, as the server sends it. */
const messageNew = (chatId: string, seq: number) => ({
  message: { chatId, seq, clientMsgId: `pt-${RUN}-${seq}-${Date.now() * 1000}`, sender: { id: 'other' } },
});

async function connect(perChatReceipts: boolean) {
  const metrics = new Metrics();
  const connections = new Connections({
    target: url,
    socketTargets: [url],
    localIps: [],
    world,
    hosted: [0],
    rampStartMs: performance.timeOrigin + performance.now(),
    rampUpSeconds: 0,
    runId: RUN,
    metrics,
    receiptIntervalMs: 50,
    perChatReceipts,
  });
  const connected = new Promise<ServerSocket>((resolve) => (onSocket = resolve));
  await connections.open(performance.timeOrigin + performance.now() + 10_000);
  return { connections, metrics, server: await connected };
}

/** Until the client has taken the server's answers (their callbacks run after the server's ack arrives). */
async function until(done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !done() && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const features = (socket: ServerSocket) => (socket.handshake.auth as { features: string[] }).features;

it('sends the receipts of every chat as one receipts:batch, again when rate limited, counting refusals', async () => {
  const { connections, metrics, server } = await connect(false);
  expect(features(server)).toContain('receipts-batch');
  const batches: unknown[] = [];
  const answers = [
    { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } },
    { ok: true, results: [{ ok: true }, { ok: false, error: { code: 'NOT_FOUND', message: 'Chat not found' } }] },
  ];
  const answered = new Promise<void>((resolve) =>
    server.on('receipts:batch', (payload: unknown, ack: (answer: unknown) => void) => {
      batches.push(payload);
      ack(answers.shift());
      if (answers.length === 0) resolve();
    }),
  );
  server.emit('message:new', messageNew('c1', 1));
  server.emit('message:new', messageNew('c1', 2));
  server.emit('message:new', messageNew('c2', 5));
  await answered;
  await until(() => Object.keys(metrics.errors).length === 2);
  connections.close();

  const both = {
    receipts: [
      { chatId: 'c1', delivered: 2 },
      { chatId: 'c2', delivered: 5 },
    ],
  };
  expect(batches).toEqual([both, both]);
  expect(metrics.counts.delivered).toBe(3);
  expect(metrics.errors).toEqual({ 'receipt: RATE_LIMITED': 1, 'receipt: NOT_FOUND': 1 });
});

it('with --per-chat-receipts plays an older client: a message:delivered per chat, no receipts-batch declared', async () => {
  const { connections, metrics, server } = await connect(true);
  expect(features(server)).not.toContain('receipts-batch');
  const delivered: unknown[] = [];
  const answered = new Promise<void>((resolve) =>
    server.on('message:delivered', (payload: unknown, ack: (answer: unknown) => void) => {
      delivered.push(payload);
      ack(delivered.length === 1 ? { ok: false, error: { code: 'FORBIDDEN', message: 'no' } } : { ok: true });
      if (delivered.length === 2) resolve();
    }),
  );
  server.emit('message:new', messageNew('c1', 3));
  server.emit('message:new', messageNew('c2', 4));
  await answered;
  await until(() => Object.keys(metrics.errors).length === 1);
  connections.close();

  expect(delivered).toEqual(
    expect.arrayContaining([
      { chatId: 'c1', seq: 3 },
      { chatId: 'c2', seq: 4 },
    ]),
  );
  expect(metrics.errors).toEqual({ 'receipt: FORBIDDEN': 1 });
});
