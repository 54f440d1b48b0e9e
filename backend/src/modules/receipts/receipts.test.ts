import request from 'supertest';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { ReceiptsRepository } from './receipts.repository';
import { useTestServer } from '../../../tests/helpers/test-server';
import { type TestUser, chattingPair, makeContacts, registerUser } from '../../../tests/helpers/users';

const sockets = useTestSockets();
const server = useTestServer();

async function chatWithMessages(count: number): Promise<{ alice: TestUser; bob: TestUser; chatId: string }> {
  const { alice, bob, chatId } = await chattingPair(server);
  for (let i = 1; i <= count; i++) {
    await request(server.url)
      .post(`/api/chats/${chatId}/messages`)
      .set(alice.auth)
      .send({ clientMsgId: `r${i}`, content: `message ${i}` });
  }
  return { alice, bob, chatId };
}

const watermarks = async (viewer: TestUser, chatId: string, userId: string) => {
  const chat = await request(server.url).get(`/api/chats/${chatId}`).set(viewer.auth).expect(200);
  const participant = chat.body.chat.participants.find((p: { user: { id: string } }) => p.user.id === userId);
  return { delivered: participant.lastDeliveredSeq, read: participant.lastReadSeq, unread: chat.body.chat.unreadCount };
};

it('tells the sender (all devices) when the recipient got and read messages, and clears unread everywhere', async () => {
  const { alice, bob, chatId } = await chatWithMessages(3);
  const [aliceSocket, bobPhone, bobLaptop] = await Promise.all([
    sockets.connect(server.url, alice.accessToken),
    sockets.connect(server.url, bob.accessToken),
    sockets.connect(server.url, bob.accessToken),
  ]);
  expect(await watermarks(bob, chatId, bob.id)).toEqual({ delivered: 0, read: 0, unread: 3 });

  const delivered = nextEvent<{ chatId: string; userId: string; seq: number }>(aliceSocket, 'message:delivered');
  expect(await bobPhone.timeout(5_000).emitWithAck('message:delivered', { chatId, seq: 3 })).toEqual({ ok: true });
  expect(await delivered).toEqual({ chatId, userId: bob.id, seq: 3, cursor: expect.any(String) });

  const readBySender = nextEvent<{ seq: number }>(aliceSocket, 'message:read');
  const readOnOtherDevice = nextEvent<{ seq: number }>(bobLaptop, 'message:read');
  expect(await bobPhone.timeout(5_000).emitWithAck('message:read', { chatId, seq: 2 })).toEqual({ ok: true });
  expect((await readBySender).seq).toBe(2);
  expect((await readOnOtherDevice).seq).toBe(2);
  expect(await watermarks(bob, chatId, bob.id)).toEqual({ delivered: 3, read: 2, unread: 1 });
});

it('only ever raises watermarks, never past the last message, and reading implies delivery', async () => {
  const { bob, chatId } = await chatWithMessages(2);
  const socket = await sockets.connect(server.url, bob.accessToken);
  await socket.timeout(5_000).emitWithAck('message:read', { chatId, seq: 2 });
  await socket.timeout(5_000).emitWithAck('message:read', { chatId, seq: 1 });
  await socket.timeout(5_000).emitWithAck('message:delivered', { chatId, seq: 1 });
  expect(await watermarks(bob, chatId, bob.id)).toMatchObject({ delivered: 2, read: 2 });
  await socket.timeout(5_000).emitWithAck('message:read', { chatId, seq: 999 });
  expect(await watermarks(bob, chatId, bob.id)).toMatchObject({ delivered: 2, read: 2 });
});

it('coalesces a burst of acknowledgements into few writes and ends at the highest', async () => {
  const { alice, bob, chatId } = await chatWithMessages(30);
  const [aliceSocket, bobSocket] = await Promise.all([
    sockets.connect(server.url, alice.accessToken),
    sockets.connect(server.url, bob.accessToken),
  ]);
  const seen: number[] = [];
  aliceSocket.on('message:read', (event: { seq: number }) => seen.push(event.seq));
  const acks = await Promise.all(
    Array.from({ length: 30 }, (_, i) => bobSocket.timeout(5_000).emitWithAck('message:read', { chatId, seq: i + 1 })),
  );
  expect(acks.every((ack) => ack.ok)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(seen.length).toBeLessThan(10);
  expect(seen.at(-1)).toBe(30);
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);
});

it('refuses receipts for chats you are not in, and bad payloads', async () => {
  const { chatId } = await chatWithMessages(1);
  const stranger = await registerUser(server);
  const socket = await sockets.connect(server.url, stranger.accessToken);
  expect(await socket.timeout(5_000).emitWithAck('message:read', { chatId, seq: 1 })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  for (const bad of [{ chatId, seq: 0 }, { chatId, seq: 1.5 }, { chatId: 'x', seq: 1 }, { seq: 1 }, null]) {
    expect((await socket.timeout(5_000).emitWithAck('message:delivered', bad)).ok).toBe(false);
  }
});

it('in a group, tells only the senders of the messages an acknowledgement covers', async () => {
  const alice = await registerUser(server);
  const [bob, carol, dave, erin] = await Promise.all([
    registerUser(server),
    registerUser(server),
    registerUser(server),
    registerUser(server),
  ]);
  for (const member of [bob, carol, dave, erin]) await makeContacts(server, alice, member);
  const group = await request(server.url)
    .post('/api/chats/group')
    .set(alice.auth)
    .send({ name: 'Receipts', memberIds: [bob, carol, dave, erin].map((member) => member.id) })
    .expect(201);
  const chatId = group.body.chat.id as string;
  const send = async (sender: TestUser, content: string) =>
    (
      await request(server.url)
        .post(`/api/chats/${chatId}/messages`)
        .set(sender.auth)
        .send({ clientMsgId: content, content })
        .expect(201)
    ).body.message.seq as number;
  await send(alice, 'from alice');
  await send(bob, 'from bob');
  const lastSeq = await send(carol, 'from carol');
  // Bob leaves: his message is covered, but he is no longer in the chat to hear of it.
  await request(server.url).delete(`/api/chats/${chatId}/participants/${bob.id}`).set(bob.auth).expect(204);

  const connect = (user: TestUser) => sockets.connect(server.url, user.accessToken);
  const [aliceSocket, bobSocket, carolSocket, daveSocket, erinSocket] = await Promise.all([
    connect(alice),
    connect(bob),
    connect(carol),
    connect(dave),
    connect(erin),
  ]);
  const heard = new Map<string, number[]>();
  for (const [name, socket] of Object.entries({ aliceSocket, bobSocket, carolSocket, daveSocket, erinSocket })) {
    heard.set(name, []);
    socket.on('message:delivered', ({ seq }: { seq: number }) => heard.get(name)!.push(seq));
  }
  const toAlice = nextEvent(aliceSocket, 'message:delivered');
  const toCarol = nextEvent(carolSocket, 'message:delivered');
  expect(await daveSocket.timeout(5_000).emitWithAck('message:delivered', { chatId, seq: lastSeq })).toEqual({
    ok: true,
  });
  await Promise.all([toAlice, toCarol]);
  // The next acknowledgement covers only Erin's message (and Bob's departure): Erin alone hears of it.
  const erinSeq = await send(erin, 'from erin');
  const toErin = nextEvent(erinSocket, 'message:delivered');
  await daveSocket.timeout(5_000).emitWithAck('message:delivered', { chatId, seq: erinSeq });
  await toErin;
  await new Promise((resolve) => setTimeout(resolve, 200));

  expect(Object.fromEntries(heard)).toEqual({
    aliceSocket: [lastSeq],
    bobSocket: [],
    carolSocket: [lastSeq],
    daveSocket: [],
    erinSocket: [erinSeq],
  });
});

it('raises overlapping batches from several writers at once without deadlocking', async () => {
  const owner = await registerUser(server);
  const members: TestUser[] = [];
  for (let i = 0; i < 12; i++) {
    const member = await registerUser(server);
    await makeContacts(server, owner, member);
    members.push(member);
  }
  const group = await request(server.url)
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'Busy', memberIds: members.map((member) => member.id) })
    .expect(201);
  const chatId = group.body.chat.id as string;
  // Another instance's writes, in any order: each writer acknowledges for every member, shuffled.
  const repository = new ReceiptsRepository(server.prisma);
  const shuffled = <T>(items: T[]) => [...items].sort(() => Math.random() - 0.5);
  const writers = Array.from({ length: 16 }, (_, writer) =>
    repository.raise(
      shuffled(members).map((member) => ({ chatId, userId: member.id, delivered: writer % 2, read: 0 })),
    ),
  );
  const results = await Promise.all(writers);

  expect(results.every((rows) => rows.length === members.length)).toBe(true);
  expect(await watermarks(owner, chatId, members[0]!.id)).toMatchObject({ delivered: 1 });
});
