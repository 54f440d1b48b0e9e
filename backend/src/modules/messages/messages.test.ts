import request from 'supertest';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { startTestServer, type TestServer } from '../../../tests/helpers/test-server';
import { MessagesRepository } from './messages.repository';
import { makeContacts, openDirectChat, registerUser, type TestUser } from '../../../tests/helpers/users';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  alice = await registerUser(server);
  bob = await registerUser(server);
  await makeContacts(server, alice, bob);
});
afterAll(() => server.close());
const sockets = useTestSockets();

const api = () => request(server.url);
const send = (user: TestUser, chatId: string, body: Record<string, unknown>) =>
  api().post(`/api/chats/${chatId}/messages`).set(user.auth).send(body);

async function freshChat(): Promise<string> {
  const carol = await registerUser(server);
  await makeContacts(server, alice, carol);
  return openDirectChat(server, alice, carol);
}

it('stores a message, shows it to the other participant and updates the chat list', async () => {
  const chatId = await openDirectChat(server, alice, bob);
  const sent = await send(alice, chatId, { clientMsgId: 'm-1', content: '  hello **bob**  ' }).expect(201);
  expect(sent.body.message).toMatchObject({
    chatId,
    seq: 1,
    clientMsgId: 'm-1',
    type: 'text',
    content: 'hello **bob**',
    sender: expect.objectContaining({ id: alice.id }),
    replyTo: null,
    attachments: [],
    reactions: [],
    editedAt: null,
    deletedAt: null,
  });

  const history = await api().get(`/api/chats/${chatId}/messages`).set(bob.auth).expect(200);
  expect(history.body).toEqual({ messages: [sent.body.message], hasMoreBefore: false, hasMoreAfter: false });

  const bobsChats = await api().get('/api/chats').set(bob.auth);
  expect(bobsChats.body.chats[0]).toMatchObject({ id: chatId, lastSeq: 1, unreadCount: 1 });
  expect(bobsChats.body.chats[0].lastMessage.id).toBe(sent.body.message.id);
  const alicesChats = await api().get('/api/chats').set(alice.auth);
  expect(alicesChats.body.chats.find((chat: { id: string }) => chat.id === chatId).unreadCount).toBe(0);
});

it('is idempotent by clientMsgId: a retry returns the original and stores nothing new', async () => {
  const chatId = await freshChat();
  const first = await send(alice, chatId, { clientMsgId: 'retry-me', content: 'once' }).expect(201);
  const retry = await send(alice, chatId, { clientMsgId: 'retry-me', content: 'once' }).expect(200);
  expect(retry.body.message.id).toBe(first.body.message.id);
  const concurrent = await Promise.all(
    Array.from({ length: 5 }, () => send(alice, chatId, { clientMsgId: 'burst', content: 'burst' })),
  );
  expect(new Set(concurrent.map((response) => response.body.message.id)).size).toBe(1);
  const history = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth);
  expect(history.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
});

it("keys a retry by its chat: an old clientMsgId in another chat is a new message, never the first chat's", async () => {
  const carol = await registerUser(server);
  await makeContacts(server, alice, carol);
  const group = await api()
    .post('/api/chats/group')
    .set(alice.auth)
    .send({ name: 'Left behind', memberIds: [carol.id] })
    .expect(201);
  const groupId = group.body.chat.id as string;
  const inGroup = await send(alice, groupId, { clientMsgId: 'reused', content: 'for the group only' }).expect(201);
  await api()
    .post(`/api/messages/${inGroup.body.message.id}/reactions`)
    .set(carol.auth)
    .send({ emoji: '👍' })
    .expect(200);

  const elsewhere = await freshChat();
  const inDirect = await send(alice, elsewhere, { clientMsgId: 'reused', content: 'for carol' }).expect(201);
  expect(inDirect.body.message).toMatchObject({ chatId: elsewhere, content: 'for carol', reactions: [] });
  expect(inDirect.body.message.id).not.toBe(inGroup.body.message.id);

  await api().delete(`/api/chats/${groupId}/participants/${alice.id}`).set(alice.auth).expect(204);
  const afterLeaving = await send(alice, groupId, { clientMsgId: 'reused', content: 'for the group only' }).expect(404);
  expect(JSON.stringify(afterLeaving.body)).not.toContain(inGroup.body.message.id);
});

it('names its sender and the quoted sender without presence, which would go stale in a kept message', async () => {
  const chatId = await openDirectChat(server, alice, bob);
  await sockets.connect(server.url, alice.accessToken);
  const bobSocket = await sockets.connect(server.url, bob.accessToken);
  const quoted = await send(alice, chatId, { clientMsgId: 'no-presence-1', content: 'quoted' }).expect(201);
  type Pushed = { message: { clientMsgId: string; sender: object; replyTo: { sender: object } } };
  const pushed = nextEvent<Pushed>(bobSocket, 'message:new', 5_000, (p) => p.message.clientMsgId === 'no-presence-2');
  const reply = await send(alice, chatId, {
    clientMsgId: 'no-presence-2',
    content: 'reply',
    replyToId: quoted.body.message.id,
  }).expect(201);
  const summary = { id: alice.id, username: alice.username, displayName: alice.displayName, avatarUrl: null };
  for (const message of [reply.body.message, (await pushed).message]) {
    expect(message.sender).toEqual(summary);
    expect(message.replyTo.sender).toEqual(summary);
  }
});

it('numbers concurrent messages 1..N without gaps or duplicates', async () => {
  const chatId = await openDirectChat(server, bob, alice);
  const before = (await api().get(`/api/chats/${chatId}`).set(bob.auth)).body.chat.lastSeq as number;
  const responses = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      send(i % 2 ? alice : bob, chatId, { clientMsgId: `c-${i}`, content: `#${i}` }),
    ),
  );
  expect(responses.every((response) => response.status === 201)).toBe(true);
  const seqs = responses.map((response) => response.body.message.seq as number).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => before + i + 1));
});

it('pages history by seq: newest page, before, after and around a message', async () => {
  const chatId = await freshChat();
  const ids: string[] = [];
  for (let i = 1; i <= 120; i++) {
    ids.push((await send(alice, chatId, { clientMsgId: `p-${i}`, content: `message ${i}` })).body.message.id);
  }
  const seqsOf = (body: { messages: { seq: number }[] }) => body.messages.map((m) => m.seq);
  const page = (query: string) => api().get(`/api/chats/${chatId}/messages${query}`).set(alice.auth).expect(200);

  const newest = await page('');
  expect(seqsOf(newest.body)).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i));
  expect(newest.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });

  const older = await page('?before=71');
  expect(seqsOf(older.body)[0]).toBe(21);
  expect(older.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });

  const oldest = await page('?before=21');
  expect(seqsOf(oldest.body)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(oldest.body.hasMoreBefore).toBe(false);

  const newer = await page('?after=100&limit=10');
  expect(seqsOf(newer.body)).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110]);
  expect(newer.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });

  // A deep link opens the chat around its message, wherever that is in a long chat, with a full page.
  const middle = await page(`?around=${ids[59]}&limit=5`);
  expect(seqsOf(middle.body)).toEqual([58, 59, 60, 61, 62]);
  expect(middle.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
  const first = await page(`?around=${ids[0]}&limit=5`);
  expect(seqsOf(first.body)).toEqual([1, 2, 3, 4, 5]);
  expect(first.body).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });
  const last = await page(`?around=${ids[119]}&limit=5`);
  expect(seqsOf(last.body)).toEqual([116, 117, 118, 119, 120]);
  expect(last.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
  // From there, paging continues in both directions without gaps or repeats.
  expect(seqsOf((await page('?before=58&limit=5')).body)).toEqual([53, 54, 55, 56, 57]);
  expect(seqsOf((await page('?after=62&limit=5')).body)).toEqual([63, 64, 65, 66, 67]);

  await api().get(`/api/chats/${chatId}/messages?limit=51`).set(alice.auth).expect(400);
  await api().get(`/api/chats/${chatId}/messages?before=5&after=2`).set(alice.auth).expect(400);
  await api()
    .get(`/api/chats/${chatId}/messages?around=00000000-0000-4000-8000-000000000000`)
    .set(alice.auth)
    .expect(404);
});

it('refuses empty, oversized and malformed messages without storing anything', async () => {
  const chatId = await freshChat();
  await send(alice, chatId, { clientMsgId: 'e', content: '   ' }).expect(400);
  const tooLong = await send(alice, chatId, { clientMsgId: 'l', content: 'x'.repeat(10_001) }).expect(400);
  expect(tooLong.body.error.details[0].field).toBe('content');
  await send(alice, chatId, { clientMsgId: 'ok', content: 'x'.repeat(10_000) }).expect(201);
  await send(alice, chatId, { content: 'no client id' }).expect(400);
  await send(alice, chatId, {
    clientMsgId: 'r',
    content: 'hi',
    replyToId: '00000000-0000-4000-8000-000000000000',
  }).expect(400);
  const history = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth);
  expect(history.body.messages).toHaveLength(1);
});

it('replies quote the original message', async () => {
  const chatId = await freshChat();
  const original = await send(alice, chatId, { clientMsgId: 'q1', content: 'the original' }).expect(201);
  const reply = await send(alice, chatId, {
    clientMsgId: 'q2',
    content: 'a reply',
    replyToId: original.body.message.id,
  }).expect(201);
  expect(reply.body.message.replyTo).toMatchObject({ id: original.body.message.id, seq: 1, excerpt: 'the original' });
});

it('refuses a reply to a message of another chat, and tells only participants why', async () => {
  const chatId = await freshChat();
  const elsewhere = await freshChat();
  const foreign = await send(alice, elsewhere, { clientMsgId: 'f1', content: 'in another chat' }).expect(201);

  const refused = await send(alice, chatId, {
    clientMsgId: 'x1',
    content: 'quoting the wrong chat',
    replyToId: foreign.body.message.id,
  }).expect(400);
  expect(refused.body.error.details[0].field).toBe('replyToId');
  const history = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);
  expect(history.body.messages).toHaveLength(0);

  // bob is not in the chat: the chat does not exist for him, whatever he quotes.
  await send(bob, chatId, { clientMsgId: 'x2', content: 'hi', replyToId: foreign.body.message.id }).expect(404);
  const stillEmpty = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);
  expect(stillEmpty.body.messages).toHaveLength(0);
  // the refused clientMsgId is not used up: the corrected send goes through.
  await send(alice, chatId, { clientMsgId: 'x1', content: 'quoting nothing' }).expect(201);
});

it('writes a batch of sends together, each under the rules of a single send, and answers each in its order', async () => {
  const chatId = await freshChat();
  const outsider = await registerUser(server);
  const otherChat = await openDirectChat(server, alice, bob);
  const elsewhere = await send(alice, otherChat, { clientMsgId: 'batch-elsewhere', content: 'in another chat' });
  const earlier = await send(alice, chatId, { clientMsgId: 'batch-earlier', content: 'sent before' }).expect(201);
  const text = (clientMsgId: string, senderId = alice.id, replyToId?: string) => ({
    chatId,
    senderId,
    clientMsgId,
    content: clientMsgId,
    replyToId,
  });

  const written = await new MessagesRepository(server.prisma).createMany([
    text('batch-1'),
    text('batch-outsider', outsider.id),
    text('batch-2', alice.id, earlier.body.message.id),
    text('batch-earlier'),
    text('batch-bad-reply', alice.id, elsewhere.body.message.id),
    { ...text('batch-other-chat'), chatId: otherChat },
    text('batch-3'),
  ]);

  expect(written.map((message) => message && [message.record.chatId, message.record.seq])).toEqual([
    [chatId, 2],
    null,
    [chatId, 3],
    null,
    null,
    [otherChat, elsewhere.body.message.seq + 1],
    [chatId, 4],
  ]);
  expect(written[2]?.record.replyTo?.id).toBe(earlier.body.message.id);
  expect(written[0]?.participantIds.sort()).toEqual(written[6]?.participantIds.sort());
  const history = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);
  expect(history.body.messages.map((m: { clientMsgId: string }) => m.clientMsgId)).toEqual([
    'batch-earlier',
    'batch-1',
    'batch-2',
    'batch-3',
  ]);
  const chats = await api().get('/api/chats').set(alice.auth);
  expect(chats.body.chats.find((chat: { id: string }) => chat.id === chatId).unreadCount).toBe(0);
});
