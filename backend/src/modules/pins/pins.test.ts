import type { Message } from '@messenger/contract';
import request from 'supertest';
import { groupWithOutsider } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { chattingPair, type TestUser } from '../../../tests/helpers/users';

const server = useTestServer();
const sockets = useTestSockets();
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let chatId: string;
beforeAll(async () => {
  ({ owner, member, outsider, chatId } = await groupWithOutsider(server, 'Pins'));
});

const api = () => request(server.url);
let counter = 0;
async function post(user: TestUser, content: string, inChat = chatId): Promise<Message> {
  const response = await api()
    .post(`/api/chats/${inChat}/messages`)
    .set(user.auth)
    .send({ clientMsgId: `pin-${++counter}`, content })
    .expect(201);
  return response.body.message as Message;
}
const pin = (user: TestUser, messageId: string) => api().post(`/api/messages/${messageId}/pin`).set(user.auth);
const unpin = (user: TestUser, messageId: string) => api().delete(`/api/messages/${messageId}/pin`).set(user.auth);
const pinsOf = async (user: TestUser, inChat = chatId) =>
  (await api().get(`/api/chats/${inChat}/pins`).set(user.auth).expect(200)).body.messages as Message[];
const history = async (user: TestUser) =>
  (await api().get(`/api/chats/${chatId}/messages`).set(user.auth).expect(200)).body.messages as Message[];

it('lets any member pin and unpin, tells every member, and posts a system message naming who pinned', async () => {
  const message = await post(owner, 'the release checklist');
  const ownerSocket = await sockets.connect(server.url, owner.accessToken);
  const pinned = nextEvent<{ message: Message; cursor: string }>(ownerSocket, 'message:pinned');
  const announced = nextEvent<{ message: Message }>(ownerSocket, 'message:new');

  const answer = await pin(member, message.id).expect(200);
  expect(answer.body.message).toMatchObject({
    id: message.id,
    content: 'the release checklist',
    pinnedAt: expect.any(String),
    pinnedBy: { id: member.id, displayName: member.displayName },
  });
  expect((await pinned).message).toEqual(answer.body.message);
  expect((await pinned).cursor).toEqual(expect.any(String));
  const system = (await announced).message;
  expect(system).toMatchObject({
    type: 'system',
    sender: null,
    content: `${member.displayName} pinned a message`,
    replyTo: { id: message.id, excerpt: 'the release checklist' },
  });
  expect(await pinsOf(owner)).toEqual([answer.body.message]);
  expect((await history(owner)).find((m) => m.id === message.id)?.pinnedBy?.id).toBe(member.id);

  // Unpinning is housekeeping: the members hear of it, and no system message is posted.
  const unpinned = nextEvent<{ message: Message }>(ownerSocket, 'message:pinned', 5_000, (e) => !e.message.pinnedAt);
  const seqBefore = (await history(owner)).at(-1)?.seq;
  const cleared = await unpin(owner, message.id).expect(200);
  expect(cleared.body.message).toMatchObject({ id: message.id, pinnedAt: null, pinnedBy: null });
  expect((await unpinned).message).toEqual(cleared.body.message);
  expect(await pinsOf(member)).toEqual([]);
  expect((await history(owner)).at(-1)?.seq).toBe(seqBefore);
});

it('is idempotent: a second pin keeps the first and announces nothing; unpinning twice changes nothing', async () => {
  const message = await post(member, 'pin me twice');
  const first = (await pin(member, message.id).expect(200)).body.message as Message;
  const lastSeq = (await history(owner)).at(-1)?.seq;
  const ownerSocket = await sockets.connect(server.url, owner.accessToken);
  const heard: string[] = [];
  ownerSocket.onAny((event: string) => heard.push(event));

  const again = (await pin(owner, message.id).expect(200)).body.message as Message;
  expect(again).toEqual(first);
  await unpin(owner, message.id).expect(200);
  const twice = (await unpin(member, message.id).expect(200)).body.message as Message;
  expect(twice).toMatchObject({ pinnedAt: null, pinnedBy: null });
  await ownerSocket.timeout(5_000).emitWithAck('sync', { cursor: null });
  // One event, of the one unpin that changed something; no second "pinned a message".
  expect(heard).toEqual(['message:pinned']);
  expect((await history(owner)).at(-1)?.seq).toBe(lastSeq);
});

it('lists pins newest first, and every message shape carries them (history, around, search, sync)', async () => {
  const older = await post(owner, 'zanzibarword first');
  const newer = await post(member, 'zanzibarword second');
  const socket = await sockets.connect(server.url, member.accessToken);
  const { cursor } = await socket.timeout(5_000).emitWithAck('sync', { cursor: null });
  await pin(member, older.id).expect(200);
  await pin(owner, newer.id).expect(200);

  expect((await pinsOf(owner)).map((m) => m.id).slice(0, 2)).toEqual([newer.id, older.id]);
  const around = await api().get(`/api/chats/${chatId}/messages`).query({ around: older.id }).set(owner.auth);
  expect(around.body.messages.find((m: Message) => m.id === older.id).pinnedBy.id).toBe(member.id);
  const search = await api().get('/api/search').query({ q: 'zanzibarword' }).set(member.auth).expect(200);
  const found = search.body.results.map((result: { message: Message }) => result.message);
  expect(found.every((m: Message) => m.pinnedAt !== null)).toBe(true);
  const replay = await socket.timeout(5_000).emitWithAck('sync', { cursor });
  const events = replay.events.filter((entry: { event: string }) => entry.event === 'message:pinned');
  expect(events.map((entry: { payload: { message: Message } }) => entry.payload.message.id)).toEqual([
    older.id,
    newer.id,
  ]);
  await Promise.all([unpin(owner, older.id).expect(200), unpin(owner, newer.id).expect(200)]);
});

it('refuses deleted and system messages, and answers 404 to people outside the chat', async () => {
  const message = await post(member, 'soon gone');
  await pin(outsider, message.id).expect(404);
  await unpin(outsider, message.id).expect(404);
  await api().get(`/api/chats/${chatId}/pins`).set(outsider.auth).expect(404);
  await pin(member, '00000000-0000-4000-8000-000000000000').expect(404);

  const system = (await history(owner)).find((m) => m.type === 'system');
  const refused = await pin(member, system!.id).expect(403);
  expect(refused.body.error.code).toBe('FORBIDDEN');

  await api().delete(`/api/messages/${message.id}`).set(member.auth).expect(200);
  const deleted = await pin(owner, message.id).expect(409);
  expect(deleted.body.error).toMatchObject({ code: 'CONFLICT', message: 'A deleted message cannot be pinned' });
  await api().post('/api/messages/not-an-id/pin').set(owner.auth).expect(400);
});

it('unpins a message as it is deleted: message:deleted carries pinnedAt null and the list drops it', async () => {
  const message = await post(member, 'pinned, then deleted');
  await pin(owner, message.id).expect(200);
  const ownerSocket = await sockets.connect(server.url, owner.accessToken);
  const deletion = nextEvent<{ message: Message }>(ownerSocket, 'message:deleted');
  const deleted = await api().delete(`/api/messages/${message.id}`).set(member.auth).expect(200);
  expect(deleted.body.message).toMatchObject({ pinnedAt: null, pinnedBy: null, deletedAt: expect.any(String) });
  expect((await deletion).message).toMatchObject({ id: message.id, pinnedAt: null });
  expect((await pinsOf(owner)).map((m) => m.id)).not.toContain(message.id);
  expect(await server.prisma.messagePin.count({ where: { messageId: message.id } })).toBe(0);
});

it('pins in a direct chat, but not while a block stands between the two (unpinning still works)', async () => {
  const { alice, bob, chatId: direct } = await chattingPair(server);
  const kept = await post(alice, 'pinned before the block', direct);
  const later = await post(bob, 'not pinned', direct);
  await pin(bob, kept.id).expect(200);
  await api().post(`/api/users/${bob.id}/block`).set(alice.auth).expect(204);

  const refused = await pin(bob, later.id).expect(403);
  expect(refused.body.error.code).toBe('BLOCKED');
  expect((await pin(alice, later.id).expect(403)).body.error.code).toBe('BLOCKED');
  expect((await unpin(alice, kept.id).expect(200)).body.message.pinnedAt).toBeNull();
  expect(await pinsOf(bob, direct)).toEqual([]);
});
