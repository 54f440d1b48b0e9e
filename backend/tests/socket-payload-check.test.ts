import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { expectNoPayloadViolations } from './helpers/payload-check';
import { useTestSockets } from './helpers/sockets';

/**
 * The check every backend test's sockets go through (helpers/payload-check.ts) must be able to fail. A stand-in Socket.IO
 * server sends what the real one never should: each test asks it for one event and one acknowledgement.
 */

const sockets = useTestSockets();
let io: Server;
let url: string;

beforeAll(async () => {
  const http = createServer();
  io = new Server(http);
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(() => io.close());

/** Answers every client event: first sends `event` with `payload`, then acknowledges with `ack`. */
function standIn(event: string, payload: unknown, ack: unknown): void {
  io.removeAllListeners('connection');
  io.on('connection', (socket) =>
    socket.onAny((...args: unknown[]) => {
      socket.emit(event, payload);
      const callback = args.at(-1);
      if (typeof callback === 'function') (callback as (answer: unknown) => void)(ack);
    }),
  );
}

const chatId = '0b6cf2a5-8a0e-4c1f-9f61-1d1f7a3f5c11';
const userId = '5f0f4a3e-3b8a-4f55-8c0a-6e1d2c9b7a22';

it('lets through what the contract describes', async () => {
  standIn('typing:start', { chatId, userId }, { ok: true });
  const socket = await sockets.connect(url, 'token');
  await socket.timeout(2_000).emitWithAck('message:read', { chatId, seq: 1 });
  expect(expectNoPayloadViolations).not.toThrow();
});

it('fails on a payload that does not match its event', async () => {
  standIn('message:new', { message: { id: 'm1', content: 'no seq, no sender' } }, { ok: true });
  const socket = await sockets.connect(url, 'token');
  await socket.emitWithAck('message:read', { chatId, seq: 1 });
  expect(expectNoPayloadViolations).toThrow(/message:new:\n[\s\S]*message\.seq/);
});

it('fails on a cursor where the contract says the event is not logged', async () => {
  standIn('typing:start', { chatId, userId, cursor: 'e.1' }, { ok: true });
  const socket = await sockets.connect(url, 'token');
  await socket.emitWithAck('message:read', { chatId, seq: 1 });
  expect(expectNoPayloadViolations).toThrow(/typing:start:\n[\s\S]*cursor/);
});

it('fails on an event the contract does not have', async () => {
  standIn('message:teleported', { chatId }, { ok: true });
  const socket = await sockets.connect(url, 'token');
  await socket.emitWithAck('message:read', { chatId, seq: 1 });
  expect(expectNoPayloadViolations).toThrow('message:teleported: not a server event of the contract');
});

it('fails on an acknowledgement that does not match its event, however it was asked for', async () => {
  standIn('chat:removed', { chatId }, { ok: true });
  const socket = await sockets.connect(url, 'token');
  await socket.timeout(2_000).emitWithAck('message:send', { chatId, clientMsgId: 'c1', content: 'hi' });
  expect(expectNoPayloadViolations).toThrow(/the acknowledgement of message:send:\n[\s\S]*message/);

  await new Promise((answered) => socket.emit('sync', { cursor: null }, answered));
  expect(expectNoPayloadViolations).toThrow(/the acknowledgement of sync:\n[\s\S]*events/);
});
