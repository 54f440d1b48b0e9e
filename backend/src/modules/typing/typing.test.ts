import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { chattingPair, registerUser } from '../../../tests/helpers/users';

const sockets = useTestSockets();
const server = useTestServer();

async function pair() {
  const { alice, bob, chatId } = await chattingPair(server);
  const [aliceSocket, bobSocket] = await Promise.all([
    sockets.connect(server.url, alice.accessToken),
    sockets.connect(server.url, bob.accessToken),
  ]);
  return { alice, bob, chatId, aliceSocket, bobSocket };
}

it('relays typing to the other participant and stops on typing:stop', async () => {
  const { alice, chatId, aliceSocket, bobSocket } = await pair();
  const started = nextEvent<{ chatId: string; userId: string }>(bobSocket, 'typing:start');
  expect(await aliceSocket.timeout(5_000).emitWithAck('typing:start', { chatId })).toEqual({ ok: true });
  expect(await started).toEqual({ chatId, userId: alice.id });
  const stopped = nextEvent<{ userId: string }>(bobSocket, 'typing:stop');
  await aliceSocket.timeout(5_000).emitWithAck('typing:stop', { chatId });
  expect((await stopped).userId).toBe(alice.id);
});

it('stops by itself after 5 seconds of silence', async () => {
  const { alice, chatId, aliceSocket, bobSocket } = await pair();
  await aliceSocket.timeout(5_000).emitWithAck('typing:start', { chatId });
  const begin = Date.now();
  const stopped = await nextEvent<{ userId: string }>(bobSocket, 'typing:stop', 7_000);
  expect(stopped.userId).toBe(alice.id);
  expect(Date.now() - begin).toBeGreaterThanOrEqual(4_500);
});

it('stops when the typist disconnects, and refuses strangers', async () => {
  const { alice, chatId, aliceSocket, bobSocket } = await pair();
  await aliceSocket.timeout(5_000).emitWithAck('typing:start', { chatId });
  const stopped = nextEvent<{ userId: string }>(bobSocket, 'typing:stop');
  aliceSocket.disconnect();
  expect((await stopped).userId).toBe(alice.id);

  const stranger = await registerUser(server);
  const strangerSocket = await sockets.connect(server.url, stranger.accessToken);
  expect(await strangerSocket.timeout(5_000).emitWithAck('typing:start', { chatId })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
});

it('tells the others once however fast a client repeats typing:start, and keeps the indicator alive', async () => {
  const { chatId, aliceSocket, bobSocket } = await pair();
  const starts: unknown[] = [];
  bobSocket.on('typing:start', (payload) => starts.push(payload));
  for (let i = 0; i < 50; i++) await aliceSocket.timeout(5_000).emitWithAck('typing:start', { chatId });
  // A round trip on Bob's own socket: every typing:start sent before it has arrived.
  await bobSocket.timeout(5_000).emitWithAck('sync', { cursor: null });
  expect(starts).toHaveLength(1);
  // Still typing: no typing:stop while the repeats keep coming.
  const stopped = nextEvent(bobSocket, 'typing:stop', 1_000);
  await expect(stopped).rejects.toThrow(/no typing:stop/);
});
