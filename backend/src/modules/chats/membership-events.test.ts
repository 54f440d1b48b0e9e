import { CLIENT_FEATURES, type Chat, type ReceivedServerEvent, type ReplayedEvent } from '@messenger/contract';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { ownerWithContacts, runQueued, type GroupChat } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

/**
 * Members coming and going: sockets that declared `membership-delta` hear `chat:members` (only the change), older
 * ones `chat:updated` (the whole chat), and `sync` replays each as its socket takes it.
 */
const sockets = useTestSockets();
const server = useTestServer();

const api = () => request(server.url);
const DELTA = Object.values(CLIENT_FEATURES);

type Members = ReceivedServerEvent<'chat:members'>;
type Sync = { events: ReplayedEvent[]; cursor: string };

/** Every event a socket hears, in order. */
function recording(socket: Socket): { event: string; payload: unknown }[] {
  const heard: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return heard;
}

const connect = (user: TestUser, features?: string[]) =>
  sockets.connect(server.url, user.accessToken, ['websocket'], features);
const sync = async (socket: Socket, cursor: string | null) =>
  (await socket.timeout(5_000).emitWithAck('sync', { cursor })) as Sync;
const chatAs = async (user: TestUser, chatId: string) =>
  (await api().get(`/api/chats/${chatId}`).set(user.auth).expect(200)).body.chat as Chat;

/** An open group of a fresh owner and two of their contacts. */
async function openGroup(): Promise<{ owner: TestUser; ann: TestUser; ben: TestUser; chatId: string }> {
  const { owner, members } = await ownerWithContacts(server, 2);
  const [ann, ben] = members as [TestUser, TestUser];
  const created = await api()
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'Open house', memberIds: [ann.id, ben.id], visibility: 'open' })
    .expect(201);
  return { owner, ann, ben, chatId: (created.body.chat as GroupChat).id };
}

it('tells a join as chat:members to sockets that declared it, chat:updated to older ones, hiding presence across a block', async () => {
  const { ann, ben, chatId } = await openGroup();
  const joiner = await registerUser(server);
  await api().post(`/api/users/${joiner.id}/block`).set(ben.auth).expect(204);
  const joinerDevice = await connect(joiner, DELTA);
  const [annNew, annOld, benNew] = await Promise.all([connect(ann, DELTA), connect(ann), connect(ben, DELTA)]);
  const annHeard = recording(annNew);
  const annAnnounced = nextEvent(annNew, 'message:new');
  const annMembers = nextEvent<Members>(annNew, 'chat:members');
  const annUpdated = nextEvent<{ chat: Chat }>(annOld, 'chat:updated');
  const benMembers = nextEvent<Members>(benNew, 'chat:members');
  const joinerCreated = nextEvent<{ chat: Chat }>(joinerDevice, 'chat:created');

  await api().post(`/api/chats/${chatId}/join`).set(joiner.auth).expect(200);

  const delta = await annMembers;
  const asAnnSeesIt = await chatAs(ann, chatId);
  expect(delta).toEqual({
    chatId,
    added: asAnnSeesIt.participants.filter((participant) => participant.user.id === joiner.id),
    removed: [],
    ownerId: asAnnSeesIt.ownerId,
    updatedAt: asAnnSeesIt.updatedAt,
    membersVersion: 1,
    cursor: expect.any(String),
  });
  expect(asAnnSeesIt.membersVersion).toBe(1);
  expect(delta.added[0]).toMatchObject({ role: 'member', user: { id: joiner.id, online: expect.any(Boolean) } });
  // Ben blocked the joiner: their presence is hidden from him, in the delta as in the whole chat.
  expect((await benMembers).added[0]?.user).toMatchObject({ id: joiner.id, online: null, lastSeenAt: null });
  // The older socket of the same user gets the whole chat as before; the joiner's own devices the whole group.
  expect((await annUpdated).chat).toEqual(asAnnSeesIt);
  expect((await joinerCreated).chat.participants).toHaveLength(4);
  await annAnnounced;
  // Presence windows of the sockets connected above may flush meanwhile: only the chat's events are in question.
  const aboutTheChat = annHeard.filter(({ event }) => !event.startsWith('presence:'));
  expect(aboutTheChat.map(({ event }) => event)).toEqual(['chat:members', 'message:new']);
});

it('tells a removal and a leave as chat:members, with the owner passing on when the owner leaves', async () => {
  const { owner, ann, ben, chatId } = await openGroup();
  const annSocket = await connect(ann, DELTA);

  const removed = nextEvent<Members>(annSocket, 'chat:members');
  await api().delete(`/api/chats/${chatId}/participants/${ben.id}`).set(owner.auth).expect(204);
  expect(await removed).toMatchObject({ chatId, added: [], removed: [ben.id], ownerId: owner.id, membersVersion: 1 });

  const left = nextEvent<Members>(annSocket, 'chat:members');
  await api().delete(`/api/chats/${chatId}/participants/${owner.id}`).set(owner.auth).expect(204);
  const { updatedAt, ...change } = await left;
  expect(change).toMatchObject({ chatId, added: [], removed: [owner.id], ownerId: ann.id, membersVersion: 2 });
  expect(await chatAs(ann, chatId)).toMatchObject({
    ownerId: ann.id,
    updatedAt,
    participants: [{ user: { id: ann.id }, role: 'owner' }],
  });
});

it('numbers member changes made at the same moment one after the other, as the chat counts them', async () => {
  const { owner, ann, ben, chatId } = await openGroup();
  const joiner = await registerUser(server);
  const annSocket = await connect(ann, DELTA);
  const heard: Members[] = [];
  annSocket.on('chat:members', (change: Members) => heard.push(change));
  const bothAnnounced = new Promise<void>((resolve) => {
    let announced = 0;
    annSocket.on('message:new', () => ++announced === 2 && resolve());
  });

  // Both wait on the chat's lock, then commit one right after the other: the order they are heard in is not theirs.
  const [joined, removed] = await runQueued(server, chatId, [
    () => api().post(`/api/chats/${chatId}/join`).set(joiner.auth),
    () => api().delete(`/api/chats/${chatId}/participants/${ben.id}`).set(owner.auth),
  ]);
  expect([joined!.status, removed!.status]).toEqual([200, 204]);
  await bothAnnounced;

  const byVersion = heard.toSorted((a, b) => a.membersVersion - b.membersVersion);
  expect(byVersion.map(({ membersVersion, added, removed: gone }) => [membersVersion, added.length, gone])).toEqual([
    [1, 1, []],
    [2, 0, [ben.id]],
  ]);
  expect((await chatAs(ann, chatId)).membersVersion).toBe(2);
});

it('replays chat:members by sync to a socket that declared it, and the chat as it is now to one that did not', async () => {
  const { ann, ben, chatId } = await openGroup();
  const [first, second] = [await registerUser(server), await registerUser(server)];
  // Ann has one device connected while the members change: it declared the feature, so only chat:members is logged.
  const annLive = await connect(ann, DELTA);
  const { cursor } = await sync(annLive, null);
  const benLive = await connect(ben, DELTA);
  const { cursor: benCursor } = await sync(benLive, null);
  for (const joiner of [first, second]) {
    const heard = nextEvent(annLive, 'message:new');
    await api().post(`/api/chats/${chatId}/join`).set(joiner.auth).expect(200);
    await heard;
  }
  // The answer does not wait for the fan-out: the system message tells when it was published.
  const benLeft = nextEvent(annLive, 'message:new');
  await api().delete(`/api/chats/${chatId}/participants/${ben.id}`).set(ben.auth).expect(204);
  await benLeft;

  const replayed = await sync(await connect(ann, DELTA), cursor);
  const changes = replayed.events.flatMap((entry) => (entry.event === 'chat:members' ? [entry.payload] : []));
  expect(changes.map((change) => [change.added.map((p) => p.user.id), change.removed])).toEqual([
    [[first.id], []],
    [[second.id], []],
    [[], [ben.id]],
  ]);

  // An older client of Ann's, offline meanwhile: one chat:updated with the chat as it is now, where the last change was.
  const older = await sync(await connect(ann), cursor);
  expect(older.events.map((entry) => entry.event)).toEqual([
    'message:new',
    'message:new',
    'chat:updated',
    'message:new',
  ]);
  const updated = older.events.find((entry) => entry.event === 'chat:updated');
  expect(updated?.payload).toEqual({ chat: await chatAs(ann, chatId) });
  // Ben left: his older client gets no chat he is no longer in, only that he left.
  const benOlder = await sync(await connect(ben), benCursor);
  expect(benOlder.events.map((entry) => entry.event)).toEqual(['message:new', 'message:new', 'chat:removed']);
});
