import { MAX_MENTIONS } from '@messenger/contract';
import request from 'supertest';
import { images } from '../../../tests/helpers/images';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { makeContacts, registerUser, type TestUser } from '../../../tests/helpers/users';

const server = useTestServer();
const sockets = useTestSockets();
const api = () => request(server.url);

interface SentMessage {
  id: string;
  seq: number;
  mentions: string[];
}
interface MentionEvent {
  chatId: string;
  messageId: string;
  seq: number;
}

let counter = 0;
const send = async (user: TestUser, chatId: string, content: string): Promise<SentMessage> =>
  (
    await api()
      .post(`/api/chats/${chatId}/messages`)
      .set(user.auth)
      .send({ clientMsgId: `m${++counter}`, content })
  ).body.message as SentMessage;

const mentionCount = async (user: TestUser, chatId: string): Promise<number> =>
  ((await api().get(`/api/chats/${chatId}`).set(user.auth).expect(200)).body.chat as { mentionCount: number })
    .mentionCount;

/** Ann owns a group with Bob and Carol; Dave is Ann's contact outside it. */
async function team() {
  const [ann, bob, carol, dave] = [
    await registerUser(server),
    await registerUser(server),
    await registerUser(server),
    await registerUser(server),
  ] as [TestUser, TestUser, TestUser, TestUser];
  for (const other of [bob, carol, dave]) await makeContacts(server, ann, other);
  const group = await api()
    .post('/api/chats/group')
    .set(ann.auth)
    .send({ name: 'Team', memberIds: [bob.id, carol.id] })
    .expect(201);
  return { ann, bob, carol, dave, chatId: (group.body as { chat: { id: string } }).chat.id };
}

it('mentions participants only: not the sender, not outsiders, unknown names or e-mail addresses', async () => {
  const { ann, bob, carol, dave, chatId } = await team();
  const message = await send(
    ann,
    chatId,
    `@${bob.username.toUpperCase()}, @${carol.username}. cc @${dave.username} @${ann.username} @nobody_here ` +
      `${bob.username}@example.com`,
  );
  expect([...message.mentions].sort()).toEqual([bob.id, carol.id].sort());
  // Every shape of the message carries them: history, and the chat's last message.
  const history = await api().get(`/api/chats/${chatId}/messages`).set(bob.auth).expect(200);
  expect((history.body.messages as SentMessage[]).at(-1)?.mentions).toEqual(message.mentions);
  const chat = await api().get(`/api/chats/${chatId}`).set(carol.auth).expect(200);
  expect(chat.body.chat.lastMessage.mentions).toEqual(message.mentions);
  expect((await send(bob, chatId, 'no one here')).mentions).toEqual([]);

  // An image's caption mentions as a text does (the other write path).
  const upload = await api()
    .post('/api/attachments')
    .set(ann.auth)
    .attach('file', await images.png(), 'a.png');
  const withImage = await api()
    .post(`/api/chats/${chatId}/messages`)
    .set(ann.auth)
    .send({ clientMsgId: 'image', content: `look @${carol.username}`, attachmentIds: [upload.body.attachment.id] })
    .expect(201);
  expect(withImage.body.message.mentions).toEqual([carol.id]);
});

it('tells only the mentioned, after message:new, and also in a chat they muted', async () => {
  const { ann, bob, carol, chatId } = await team();
  await api().put(`/api/chats/${chatId}/mute`).set(bob.auth).send({ muted: true }).expect(200);
  const [bobSocket, carolSocket] = await Promise.all([
    sockets.connect(server.url, bob.accessToken),
    sockets.connect(server.url, carol.accessToken),
  ]);
  const order: string[] = [];
  bobSocket.on('message:new', () => order.push('message:new'));
  bobSocket.on('mention:new', () => order.push('mention:new'));
  const carolHeard: MentionEvent[] = [];
  carolSocket.on('mention:new', (event: MentionEvent) => carolHeard.push(event));

  const mentioned = nextEvent<MentionEvent & { cursor?: string }>(bobSocket, 'mention:new');
  const carolGotIt = nextEvent(carolSocket, 'message:new');
  const message = await send(ann, chatId, `@${bob.username} please look`);
  expect(await mentioned).toEqual({ chatId, messageId: message.id, seq: message.seq, cursor: expect.any(String) });
  await carolGotIt;
  expect(order).toEqual(['message:new', 'mention:new']);
  expect(carolHeard).toEqual([]);
});

it('counts unread mentions per chat until a read passes them, and tells the reader’s devices', async () => {
  const { ann, bob, carol, chatId } = await team();
  // Your own message mentions nobody (and, as sending reads the chat up to it, it comes first here).
  expect((await send(bob, chatId, `@${bob.username} talking to myself`)).mentions).toEqual([]);
  const first = await send(ann, chatId, `@${bob.username} one`);
  await send(carol, chatId, `and @${bob.username} two`);
  await send(ann, chatId, 'plain');
  expect(await mentionCount(bob, chatId)).toBe(2);
  expect(await mentionCount(carol, chatId)).toBe(0);
  const listed = await api().get('/api/chats').set(bob.auth).expect(200);
  expect(listed.body.chats.find((chat: { id: string }) => chat.id === chatId).mentionCount).toBe(2);

  const [phone, laptop] = await Promise.all([
    sockets.connect(server.url, bob.accessToken),
    sockets.connect(server.url, bob.accessToken),
  ]);
  const updated = nextEvent<{ chat: { id: string; mentionCount: number } }>(laptop, 'chat:updated');
  expect(await phone.timeout(5_000).emitWithAck('message:read', { chatId, seq: first.seq })).toEqual({ ok: true });
  expect((await updated).chat).toMatchObject({ id: chatId, mentionCount: 1 });
  expect(await mentionCount(bob, chatId)).toBe(1);

  // A read that passes no mention changes no count: nothing more is sent.
  const updates: unknown[] = [];
  laptop.on('chat:updated', (event: unknown) => updates.push(event));
  const last = await send(ann, chatId, `@${bob.username} three`);
  expect(await mentionCount(bob, chatId)).toBe(2);
  await phone.timeout(5_000).emitWithAck('message:read', { chatId, seq: last.seq });
  expect(await mentionCount(bob, chatId)).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(updates).toHaveLength(1);
});

it('forgets the mentions of a deleted message, and tells those it mentioned', async () => {
  const { ann, bob, chatId } = await team();
  const message = await send(ann, chatId, `@${bob.username} secret`);
  expect(await mentionCount(bob, chatId)).toBe(1);
  const bobSocket = await sockets.connect(server.url, bob.accessToken);
  const updated = nextEvent<{ chat: { mentionCount: number } }>(bobSocket, 'chat:updated');
  const deleted = await api().delete(`/api/messages/${message.id}`).set(ann.auth).expect(200);
  expect(deleted.body.message.mentions).toEqual([]);
  expect((await updated).chat.mentionCount).toBe(0);
  expect(await mentionCount(bob, chatId)).toBe(0);
});

it("gives a reply's quote the mentions of the quoted message, which go with it when it is deleted", async () => {
  const { ann, bob, carol, chatId } = await team();
  const quoted = await send(ann, chatId, `@${bob.username} and @${carol.username}, lunch?`);
  const reply = await api()
    .post(`/api/chats/${chatId}/messages`)
    .set(bob.auth)
    .send({ clientMsgId: 'reply', content: 'yes', replyToId: quoted.id })
    .expect(201);
  const quotedMentions = [...quoted.mentions].sort();
  expect([...reply.body.message.replyTo.mentions].sort()).toEqual(quotedMentions);
  const history = async () =>
    (
      (await api().get(`/api/chats/${chatId}/messages`).set(carol.auth).expect(200)).body.messages as {
        replyTo: { mentions: string[] } | null;
      }[]
    ).at(-1)?.replyTo?.mentions;
  expect([...((await history()) ?? [])].sort()).toEqual(quotedMentions);

  await api().delete(`/api/messages/${quoted.id}`).set(ann.auth).expect(200);
  expect(await history()).toEqual([]);
});

it('recomputes mentions on edit: the newly mentioned hear of it, and both they and the unmentioned get their count', async () => {
  const { ann, bob, carol, chatId } = await team();
  const message = await send(ann, chatId, `@${bob.username} draft`);
  const [bobSocket, carolSocket] = await Promise.all([
    sockets.connect(server.url, bob.accessToken),
    sockets.connect(server.url, carol.accessToken),
  ]);
  const bobMentions: unknown[] = [];
  bobSocket.on('mention:new', (event: unknown) => bobMentions.push(event));
  const bobUpdated = nextEvent<{ chat: { mentionCount: number } }>(bobSocket, 'chat:updated');
  const carolMentioned = nextEvent<MentionEvent>(carolSocket, 'mention:new');
  const carolUpdated = nextEvent<{ chat: { mentionCount: number } }>(carolSocket, 'chat:updated');

  const edited = await api()
    .put(`/api/messages/${message.id}`)
    .set(ann.auth)
    .send({ content: `@${carol.username} instead` })
    .expect(200);
  expect(edited.body.message.mentions).toEqual([carol.id]);
  expect(await carolMentioned).toMatchObject({ chatId, messageId: message.id, seq: message.seq });
  expect((await bobUpdated).chat.mentionCount).toBe(0);
  expect((await carolUpdated).chat.mentionCount).toBe(1);
  expect([await mentionCount(bob, chatId), await mentionCount(carol, chatId)]).toEqual([0, 1]);

  // Still mentioned after another edit: nobody is told twice.
  const carolAgain: unknown[] = [];
  carolSocket.on('mention:new', (event: unknown) => carolAgain.push(event));
  await api()
    .put(`/api/messages/${message.id}`)
    .set(ann.auth)
    .send({ content: `@${carol.username} final` })
    .expect(200);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect([bobMentions, carolAgain]).toEqual([[], []]);
});

it('mentions from only the first MAX_MENTIONS (50) distinct @names of a message', async () => {
  expect(MAX_MENTIONS).toBe(50);
  const { ann, bob, carol, chatId } = await team();
  const fillers = Array.from({ length: MAX_MENTIONS - 1 }, (_, i) => `@filler${i}`).join(' ');
  const message = await send(ann, chatId, `@${bob.username} ${fillers} @${carol.username}`);
  expect(message.mentions).toEqual([bob.id]);
});

it('mentions nobody across a block, in a group too', async () => {
  const { ann, bob, carol, chatId } = await team();
  await api().post(`/api/users/${ann.id}/block`).set(bob.auth).expect(204);
  const message = await send(ann, chatId, `@${bob.username} @${carol.username}`);
  expect(message.mentions).toEqual([carol.id]);
});

it('finds the messages that mention you, newest first, with or without words, never others', async () => {
  const { ann, bob, carol, chatId } = await team();
  const older = await send(ann, chatId, `@${bob.username} the budget report`);
  const newer = await send(carol, chatId, `@${bob.username} lunch?`);
  await send(ann, chatId, `@${carol.username} the budget for Carol`);
  const gone = await send(ann, chatId, `@${bob.username} budget typo`);
  await api().delete(`/api/messages/${gone.id}`).set(ann.auth).expect(200);
  const search = async (user: TestUser, query: Record<string, string>) =>
    (await api().get('/api/search').query(query).set(user.auth).expect(200)).body as {
      results: { message: { id: string; mentions: string[] } }[];
      total: number;
    };

  const mine = await search(bob, { mentions: 'me' });
  expect(mine.results.map((result) => result.message.id)).toEqual([newer.id, older.id]);
  expect(mine.results[0]?.message.mentions).toEqual([bob.id]);
  expect((await search(bob, { mentions: 'me', q: 'budget' })).results.map((r) => r.message.id)).toEqual([older.id]);
  expect((await search(bob, { mentions: 'me', chatId })).total).toBe(2);
  expect((await search(ann, { mentions: 'me' })).total).toBe(0);

  const refused = await api().get('/api/search').query({ mentions: 'you' }).set(bob.auth).expect(400);
  expect(refused.body.error.details).toEqual([{ field: 'mentions', message: 'must be "me"' }]);
  const nothing = await api().get('/api/search').set(bob.auth).expect(400);
  expect(nothing.body.error.details).toEqual([{ field: 'q', message: 'is required, unless mentions=me' }]);
});
