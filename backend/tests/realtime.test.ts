import type { Socket } from 'socket.io-client';
import { nextEvent, useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';
import { type TestUser, chattingPair, makeContacts, registerUser } from './helpers/users';

const sockets = useTestSockets();
const server = useTestServer();

const connectAs = (
  user: TestUser | { accessToken: string },
  transports?: ('websocket' | 'polling')[],
): Promise<Socket> => sockets.connect(server.url, user.accessToken, transports);

it('refuses a connection without a valid access token', async () => {
  await expect(connectAs({ accessToken: 'not-a-token' })).rejects.toThrow('unauthorized');
});

it('delivers message:send to every device of both participants, and acknowledges the sender', async () => {
  const { alice, bob, chatId } = await chattingPair(server);
  const [alicePhone, aliceLaptop, bobPhone, bobLaptop] = await Promise.all([
    connectAs(alice),
    connectAs(alice),
    connectAs(bob),
    connectAs(bob),
  ]);

  const received = Promise.all(
    [aliceLaptop, bobPhone, bobLaptop].map((socket) => nextEvent<{ message: { id: string } }>(socket, 'message:new')),
  );
  const ack = await alicePhone
    .timeout(5_000)
    .emitWithAck('message:send', { chatId, clientMsgId: 'live-1', content: 'hello' });
  expect(ack).toMatchObject({ ok: true, message: { chatId, seq: 1, content: 'hello', clientMsgId: 'live-1' } });
  for (const payload of await received) expect(payload.message.id).toBe(ack.message.id);
});

it('delivers the messages of one chat in seq order, however many are sent at once', async () => {
  const { alice, bob, chatId } = await chattingPair(server);
  const [alicePhone, aliceLaptop, bobPhone] = await Promise.all([connectAs(alice), connectAs(alice), connectAs(bob)]);
  const arrived: number[] = [];
  bobPhone.on('message:new', ({ message }: { message: { seq: number } }) => arrived.push(message.seq));
  const sends = Array.from({ length: 60 }, (_, i) =>
    (i % 2 ? alicePhone : aliceLaptop)
      .timeout(10_000)
      .emitWithAck('message:send', { chatId, clientMsgId: `burst-${i}`, content: `burst ${i}` }),
  );
  expect((await Promise.all(sends)).every((ack: { ok: boolean }) => ack.ok)).toBe(true);
  for (let waited = 0; arrived.length < 60 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  expect(arrived).toEqual(Array.from({ length: 60 }, (_, i) => arrived[0]! + i));
});

it('answers bad payloads with ok:false and keeps the connection', async () => {
  const alice = await registerUser(server);
  const socket = await connectAs(alice);
  const missing = await socket.timeout(5_000).emitWithAck('message:send', { content: 'no chat' });
  expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
  const notString = await socket.timeout(5_000).emitWithAck('message:send', 'garbage');
  expect(notString.ok).toBe(false);
  const strangersChat = await socket
    .timeout(5_000)
    .emitWithAck('message:send', { chatId: '00000000-0000-4000-8000-000000000000', clientMsgId: 'x', content: 'hi' });
  expect(strangersChat).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  socket.emit('message:send', { chatId: 'no ack at all' });
  expect(socket.connected).toBe(true);
  const stillWorks = await socket.timeout(5_000).emitWithAck('message:send', {});
  expect(stillWorks.ok).toBe(false);
});

it('works over HTTP long-polling too (the fallback when WebSockets are blocked)', async () => {
  const { alice, bob, chatId } = await chattingPair(server);
  const [aliceSocket, bobSocket] = await Promise.all([connectAs(alice, ['polling']), connectAs(bob, ['polling'])]);
  const received = nextEvent<{ message: { content: string } }>(bobSocket, 'message:new');
  const ack = await aliceSocket
    .timeout(5_000)
    .emitWithAck('message:send', { chatId, clientMsgId: 'poll-1', content: 'over polling' });
  expect(ack.ok).toBe(true);
  expect((await received).message.content).toBe('over polling');
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
});

it('shows a user online while any device is connected, and records when they were last seen', async () => {
  const viewer = await registerUser(server);
  const bob = await registerUser(server);
  await makeContacts(server, viewer, bob); // presence is for contacts and chat partners only
  const profile = async () =>
    (await fetch(`${server.url}/api/users/${bob.id}`, { headers: viewer.auth }).then((r) => r.json())) as {
      user: { online: boolean; lastSeenAt: string | null };
    };
  expect((await profile()).user).toMatchObject({ online: false, lastSeenAt: null });
  const phone = await connectAs(bob);
  const laptop = await connectAs(bob);
  expect((await profile()).user.online).toBe(true);
  phone.disconnect();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await profile()).user).toMatchObject({ online: true, lastSeenAt: null });
  const before = Date.now();
  laptop.disconnect();
  let seen: { online: boolean; lastSeenAt: string | null } | undefined;
  for (let attempt = 0; attempt < 120 && !seen?.lastSeenAt; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = (await profile()).user;
  }
  expect(seen?.online).toBe(false);
  expect(new Date(seen?.lastSeenAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000);
});

it('answers a flood of events from one socket with RATE_LIMITED errors and keeps serving the others', async () => {
  const { alice, chatId } = await chattingPair(server);
  const flooder = await connectAs(alice);
  const calm = await connectAs(alice);
  const answers = await Promise.all(
    Array.from({ length: 100 }, () => flooder.timeout(5_000).emitWithAck('typing:start', { chatId })),
  );
  const refused = answers.filter((answer) => !answer.ok);
  expect(refused.length).toBeGreaterThanOrEqual(40);
  expect(refused[0]).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  expect(flooder.connected).toBe(true);
  expect(await calm.timeout(5_000).emitWithAck('typing:stop', { chatId })).toEqual({ ok: true });
});

it('limits a user across devices too: more sockets do not multiply the allowance', async () => {
  const { alice, chatId } = await chattingPair(server);
  const devices = await Promise.all(Array.from({ length: 4 }, () => connectAs(alice)));
  // 4 × 50 events: each socket stays under its own 60, the user goes over 150.
  const answers = await Promise.all(
    devices.flatMap((device) =>
      Array.from({ length: 50 }, () => device.timeout(5_000).emitWithAck('typing:start', { chatId })),
    ),
  );
  const refused = answers.filter((answer) => !answer.ok);
  expect(refused.length).toBeGreaterThanOrEqual(40);
  expect(refused[0]).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  // Someone else in the same chat is not affected.
  const { bob } = await chattingPair(server);
  const bobSocket = await connectAs(bob);
  expect(await bobSocket.timeout(5_000).emitWithAck('sync', { cursor: null })).toMatchObject({ ok: true });
});

it('pushes presence to contacts only, and a reload within the grace period does not blink offline', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  const stranger = await registerUser(server);
  await makeContacts(server, alice, bob);
  const bobSocket = await connectAs(bob);
  const strangerSocket = await connectAs(stranger);
  const strangerHeard: string[] = [];
  strangerSocket.onAny((event: string) => strangerHeard.push(event));

  const online = nextEvent<{ userId: string }>(bobSocket, 'presence:online');
  const first = await connectAs(alice);
  expect((await online).userId).toBe(alice.id);

  const offlineEvents: unknown[] = [];
  bobSocket.on('presence:offline', (event: unknown) => offlineEvents.push(event));
  first.disconnect();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const reloaded = await connectAs(alice);
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  expect(offlineEvents).toEqual([]);

  const offline = nextEvent<{ userId: string; lastSeenAt: string }>(bobSocket, 'presence:offline', 8_000);
  reloaded.disconnect();
  expect(await offline).toEqual({ userId: alice.id, lastSeenAt: expect.any(String) });
  expect(strangerHeard.filter((event) => event.startsWith('presence:'))).toEqual([]);
}, 20_000);
