import request from 'supertest';
import { createGroup, groupHistory, ownerWithContacts, type GroupChat } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

const sockets = useTestSockets();
const server = useTestServer();

const api = () => request(server.url);

it('creates a group with its owner, members and a system message, and tells every member', async () => {
  const { owner, members } = await ownerWithContacts(server, 2);
  const memberSocket = await sockets.connect(server.url, members[0]!.accessToken);
  const created = nextEvent<{ chat: GroupChat }>(memberSocket, 'chat:created');
  const chat = await createGroup(server, owner, members, '  Launch crew ');
  expect(chat).toMatchObject({ type: 'group', name: 'Launch crew', ownerId: owner.id });
  expect(chat.participants.find((p) => p.user.id === owner.id)?.role).toBe('owner');
  expect(chat.participants).toHaveLength(3);
  expect((await created).chat.id).toBe(chat.id);
  const messages = await groupHistory(server, members[1]!, chat.id);
  expect(messages).toEqual([
    expect.objectContaining({
      type: 'system',
      sender: null,
      content: expect.stringMatching(/created the group "Launch crew"/),
    }),
  ]);
});

it('validates names and refuses strangers as members', async () => {
  const { owner, members } = await ownerWithContacts(server, 1);
  const stranger = await registerUser(server);
  await api().post('/api/chats/group').set(owner.auth).send({ name: '', memberIds: [] }).expect(400);
  await api()
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'x'.repeat(101), memberIds: [] })
    .expect(400);
  await api()
    .post('/api/chats/group')
    .set(owner.auth)
    .send({ name: 'Spam', memberIds: [members[0]!.id, stranger.id] })
    .expect(403);
});

it('lets the owner add members, who then read the full history; everyone hears of it', async () => {
  const { owner, members } = await ownerWithContacts(server, 3);
  const [first, second, late] = members as [TestUser, TestUser, TestUser];
  const chat = await createGroup(server, owner, [first]);
  await api()
    .post(`/api/chats/${chat.id}/messages`)
    .set(first.auth)
    .send({ clientMsgId: 'h1', content: 'before you came' });

  await api()
    .post(`/api/chats/${chat.id}/participants`)
    .set(first.auth)
    .send({ userIds: [late.id] })
    .expect(403);
  const lateSocket = await sockets.connect(server.url, late.accessToken);
  const firstSocket = await sockets.connect(server.url, first.accessToken);
  const createdForLate = nextEvent<{ chat: GroupChat }>(lateSocket, 'chat:created');
  const updatedForFirst = nextEvent<{ chat: GroupChat }>(firstSocket, 'chat:updated');
  const added = await api()
    .post(`/api/chats/${chat.id}/participants`)
    .set(owner.auth)
    .send({ userIds: [late.id, second.id] })
    .expect(200);
  expect(added.body.chat.participants).toHaveLength(4);
  expect((await createdForLate).chat.id).toBe(chat.id);
  expect((await updatedForFirst).chat.participants).toHaveLength(4);

  const seen = await groupHistory(server, late, chat.id);
  expect(seen.map((message) => message.content)).toEqual([
    expect.stringMatching(/created the group/),
    'before you came',
    expect.stringMatching(/added .*User/),
  ]);
});

it('lets a member leave, the owner remove, and cuts removed members off at once', async () => {
  const { owner, members } = await ownerWithContacts(server, 3);
  const [stays, leaves, removed] = members as [TestUser, TestUser, TestUser];
  const chat = await createGroup(server, owner, members);

  await api().delete(`/api/chats/${chat.id}/participants/${removed.id}`).set(stays.auth).expect(403);
  await api().delete(`/api/chats/${chat.id}/participants/${leaves.id}`).set(leaves.auth).expect(204);
  const removedSocket = await sockets.connect(server.url, removed.accessToken);
  const removedEvent = nextEvent<{ chatId: string }>(removedSocket, 'chat:removed');
  await api().delete(`/api/chats/${chat.id}/participants/${removed.id}`).set(owner.auth).expect(204);
  expect((await removedEvent).chatId).toBe(chat.id);

  for (const gone of [leaves, removed]) {
    await api().get(`/api/chats/${chat.id}`).set(gone.auth).expect(404);
    await api().get(`/api/chats/${chat.id}/messages`).set(gone.auth).expect(404);
    await api()
      .post(`/api/chats/${chat.id}/messages`)
      .set(gone.auth)
      .send({ clientMsgId: 'x', content: 'hi' })
      .expect(404);
    expect((await api().get('/api/chats').set(gone.auth)).body.chats).toEqual([]);
  }
  const contents = (await groupHistory(server, stays, chat.id)).map((message) => message.content);
  expect(contents.slice(-2)).toEqual([expect.stringMatching(/left$/), expect.stringMatching(/removed/)]);
});

it('hands ownership to the longest-standing member when the owner leaves, and deletes the group with the last', async () => {
  const { owner, members } = await ownerWithContacts(server, 2);
  const [eldest, younger] = members as [TestUser, TestUser];
  const chat = await createGroup(server, owner, [eldest]);
  await api()
    .post(`/api/chats/${chat.id}/participants`)
    .set(owner.auth)
    .send({ userIds: [younger.id] })
    .expect(200);
  await api().delete(`/api/chats/${chat.id}/participants/${owner.id}`).set(owner.auth).expect(204);
  const after = await api().get(`/api/chats/${chat.id}`).set(younger.auth).expect(200);
  expect(after.body.chat.ownerId).toBe(eldest.id);
  expect(after.body.chat.participants.find((p: { role: string }) => p.role === 'owner').user.id).toBe(eldest.id);

  await api().delete(`/api/chats/${chat.id}/participants/${eldest.id}`).set(eldest.auth).expect(204);
  await api().delete(`/api/chats/${chat.id}/participants/${younger.id}`).set(younger.auth).expect(204);
  expect(await server.prisma.chat.count({ where: { id: chat.id } })).toBe(0);
});

it('lets only the owner rename, transfer ownership and delete the group', async () => {
  const { owner, members } = await ownerWithContacts(server, 2);
  const [heir, other] = members as [TestUser, TestUser];
  const chat = await createGroup(server, owner, members);
  await api().put(`/api/chats/${chat.id}`).set(heir.auth).send({ name: 'Mine now' }).expect(403);
  const renamed = await api().put(`/api/chats/${chat.id}`).set(owner.auth).send({ name: 'Renamed' }).expect(200);
  // A rename is no change of who is in the group or owns it; a transfer of ownership is one.
  expect(renamed.body.chat).toMatchObject({ name: 'Renamed', membersVersion: 0 });
  await api()
    .put(`/api/chats/${chat.id}`)
    .set(owner.auth)
    .send({ ownerId: '00000000-0000-4000-8000-000000000000' })
    .expect(400);
  const transferred = await api().put(`/api/chats/${chat.id}`).set(owner.auth).send({ ownerId: heir.id }).expect(200);
  expect(transferred.body.chat).toMatchObject({ ownerId: heir.id, membersVersion: 1 });
  await api().delete(`/api/chats/${chat.id}`).set(owner.auth).expect(403);

  const otherSocket = await sockets.connect(server.url, other.accessToken);
  const removed = nextEvent<{ chatId: string }>(otherSocket, 'chat:removed');
  await api().delete(`/api/chats/${chat.id}`).set(heir.auth).expect(204);
  expect((await removed).chatId).toBe(chat.id);
  await api().get(`/api/chats/${chat.id}`).set(other.auth).expect(404);
  const contents = await server.prisma.message.count({ where: { chatId: chat.id } });
  expect(contents).toBe(0);
});

it('never lets concurrent adds push a group past 300 participants', async () => {
  const owner = await registerUser(server);
  // Contacts made directly in the database: 320 registrations through the API would only slow the test down.
  const users = await server.prisma.user.createManyAndReturn({
    data: Array.from({ length: 320 }, (_, i) => ({
      username: `cap_${i}_${owner.id.slice(0, 6)}`,
      usernameNormalized: `cap_${i}_${owner.id.slice(0, 6)}`,
      displayName: `Cap ${i}`,
      passwordHash: 'unused',
    })),
    select: { id: true },
  });
  await server.prisma.contact.createMany({ data: users.map((user) => ({ userId: owner.id, contactId: user.id })) });
  const ids = users.map((user) => user.id);
  const chat = await createGroup(server, owner, []);
  await api()
    .post(`/api/chats/${chat.id}/participants`)
    .set(owner.auth)
    .send({ userIds: ids.slice(0, 280) })
    .expect(200);

  const batches = [ids.slice(280, 290), ids.slice(290, 300), ids.slice(300, 310), ids.slice(310, 320)];
  const responses = await Promise.all(
    batches.map((userIds) => api().post(`/api/chats/${chat.id}/participants`).set(owner.auth).send({ userIds })),
  );
  expect(responses.map((response) => response.status).sort()).toEqual([200, 422, 422, 422]);
  expect(responses.find((response) => response.status === 422)?.body.error.code).toBe('GROUP_FULL');
  expect(await server.prisma.chatParticipant.count({ where: { chatId: chat.id } })).toBe(291);

  const members = new Set(
    (await server.prisma.chatParticipant.findMany({ where: { chatId: chat.id }, select: { userId: true } })).map(
      (participant) => participant.userId,
    ),
  );
  const outside = ids.filter((id) => !members.has(id));
  await api()
    .post(`/api/chats/${chat.id}/participants`)
    .set(owner.auth)
    .send({ userIds: outside.slice(0, 9) })
    .expect(200);
  expect(await server.prisma.chatParticipant.count({ where: { chatId: chat.id } })).toBe(300);
  await api()
    .post(`/api/chats/${chat.id}/participants`)
    .set(owner.auth)
    .send({ userIds: [outside[9]] })
    .expect(422);
});

it('refuses group operations on a direct chat', async () => {
  const { owner, members } = await ownerWithContacts(server, 1);
  const direct = await api().post('/api/chats/direct').set(owner.auth).send({ userId: members[0]!.id });
  await api().put(`/api/chats/${direct.body.chat.id}`).set(owner.auth).send({ name: 'x' }).expect(400);
  await api().delete(`/api/chats/${direct.body.chat.id}`).set(owner.auth).expect(400);
});

it("publishes a change's system message in seq order among messages sent at the same moment", async () => {
  const { owner, members } = await ownerWithContacts(server, 2);
  const chat = await createGroup(server, owner, members, 'Busy');
  const [ownerSocket, memberSocket] = await Promise.all([
    sockets.connect(server.url, owner.accessToken),
    sockets.connect(server.url, members[0]!.accessToken),
  ]);
  const arrived: number[] = [];
  memberSocket.on('message:new', ({ message }: { message: { chatId: string; seq: number } }) => {
    if (message.chatId === chat.id) arrived.push(message.seq);
  });
  const sends = Array.from({ length: 40 }, (_, i) =>
    ownerSocket
      .timeout(10_000)
      .emitWithAck('message:send', { chatId: chat.id, clientMsgId: `busy-${i}`, content: `#${i}` }),
  );
  const renames = Array.from({ length: 4 }, (_, i) =>
    api()
      .put(`/api/chats/${chat.id}`)
      .set(owner.auth)
      .send({ name: `Busy ${i}` })
      .expect(200),
  );
  await Promise.all([...sends, ...renames]);
  for (let waited = 0; arrived.length < 44 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  expect(arrived).toEqual(Array.from({ length: 44 }, (_, i) => arrived[0]! + i));
});
