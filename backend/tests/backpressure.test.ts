import type { Socket } from 'socket.io-client';
import { nextEvent, useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';
import { chattingPair } from './helpers/users';

/**
 * A client that stops reading must neither slow anyone else down nor make the server queue events for it without
 * end: past SOCKET_MAX_BACKLOG waiting events it is dropped (it catches up through sync after reconnecting).
 */

// No byte limit to speak of here: this server drops by packets (the byte limit has its own test below).
const server = useTestServer({
  RATE_LIMIT_ENABLED: 'false',
  SOCKET_MAX_BACKLOG: '100',
  SOCKET_MAX_BUFFERED_BYTES: String(1024 ** 3),
});
const sockets = useTestSockets();

/** The TCP connection under a socket.io-client websocket, to stop reading from it as a stalled device would. */
function tcpOf(socket: Socket): { pause(): void; resume(): void } {
  const transport = socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } };
  return transport.ws._socket;
}

/** Sends `batches` × 100 messages of 10,000 characters (~1 MB per batch), a batch at a time. */
async function sendLargeMessages(sender: Socket, chatId: string, batches: number): Promise<void> {
  const content = 'x'.repeat(10_000);
  for (let batch = 0; batch < batches; batch++) {
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        sender.timeout(20_000).emitWithAck('message:send', { chatId, clientMsgId: `m-${batch}-${i}`, content }),
      ),
    );
  }
}

it('keeps delivering to others while one client stops reading, and drops that client once its backlog is full', async () => {
  const stalled = await chattingPair(server);
  const others = await chattingPair(server);
  const senderSocket = await sockets.connect(server.url, stalled.alice.accessToken);
  const stalledSocket = await sockets.connect(server.url, stalled.bob.accessToken);
  const [carolSocket, daveSocket] = await Promise.all([
    sockets.connect(server.url, others.alice.accessToken),
    sockets.connect(server.url, others.bob.accessToken),
  ]);
  const dropped = new Promise<string>((resolve) => stalledSocket.once('disconnect', resolve));
  tcpOf(stalledSocket).pause();

  // ~12 MB of messages to the stalled client: more than the kernel buffers on both ends of the loopback hold.
  await sendLargeMessages(senderSocket, stalled.chatId, 12);

  // Meanwhile, someone else's message arrives as fast as ever.
  const started = Date.now();
  const arrived = nextEvent<{ message: { content: string } }>(daveSocket, 'message:new');
  await carolSocket.timeout(5_000).emitWithAck('message:send', {
    chatId: others.chatId,
    clientMsgId: 'not-held-up',
    content: 'still here',
  });
  expect((await arrived).message.content).toBe('still here');
  expect(Date.now() - started).toBeLessThan(1_000);

  // The server dropped the stalled connection (its sweep runs every 2 s); the client notices once it reads again.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  tcpOf(stalledSocket).resume();
  expect(await dropped).toBe('transport close');
});

describe('with a limit on bytes', () => {
  // More packets may wait than this test sends: only the byte limit can drop its client.
  const bytesServer = useTestServer({
    RATE_LIMIT_ENABLED: 'false',
    SOCKET_MAX_BACKLOG: '5000',
    SOCKET_MAX_BUFFERED_BYTES: String(2 * 1024 * 1024),
  });

  it('drops a client that stopped reading once its unsent bytes pass the limit, however few the events', async () => {
    const { alice, bob, chatId } = await chattingPair(bytesServer);
    const senderSocket = await sockets.connect(bytesServer.url, alice.accessToken);
    const stalledSocket = await sockets.connect(bytesServer.url, bob.accessToken);
    const dropped = new Promise<string>((resolve) => stalledSocket.once('disconnect', resolve));
    tcpOf(stalledSocket).pause();

    // ~15 MB in 1,500 events: far below 5,000 packets, far above 2 MiB plus what the kernel buffers on both ends
    // of the loopback hold.
    await sendLargeMessages(senderSocket, chatId, 15);

    await new Promise((resolve) => setTimeout(resolve, 2_500));
    tcpOf(stalledSocket).resume();
    const stillConnected = new Promise((resolve) => setTimeout(() => resolve('still connected'), 5_000));
    expect(await Promise.race([dropped, stillConnected])).toBe('transport close');
  });
});
