import request from 'supertest';
import { createGroup, groupHistory, ownerWithContacts, runQueued } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { openDirectChat, type TestUser } from '../../../tests/helpers/users';

/** Group changes at the same moment: they queue on the chat's row lock and must answer as one after the other would. */
const sockets = useTestSockets();
const server = useTestServer();

const api = () => request(server.url);

/** The changes `actor` can make to a group, each to be started by runQueued. */
const changesBy = (actor: TestUser, chatId: string) => ({
  add:
    (...users: TestUser[]) =>
    () =>
      api()
        .post(`/api/chats/${chatId}/participants`)
        .set(actor.auth)
        .send({ userIds: users.map((user) => user.id) }),
  remove: (user: TestUser) => () => api().delete(`/api/chats/${chatId}/participants/${user.id}`).set(actor.auth),
  update: (body: { name?: string; ownerId?: string }) => () =>
    api().put(`/api/chats/${chatId}`).set(actor.auth).send(body),
  deleteGroup: () => () => api().delete(`/api/chats/${chatId}`).set(actor.auth),
});

it('answers two removals of one member at the same moment with one 204 and one 404, never a 500', async () => {
  const { owner, members } = await ownerWithContacts(server, 2);
  const [leaving] = members as [TestUser, TestUser];
  const chat = await createGroup(server, owner, members);
  const removals = await runQueued(server, chat.id, [
    changesBy(owner, chat.id).remove(leaving),
    changesBy(leaving, chat.id).remove(leaving),
  ]);
  const statuses = removals.map((response) => response.status).sort();
  expect(statuses).toEqual([204, 404]);
  const contents = (await groupHistory(server, owner, chat.id)).map((message) => message.content);
  expect(contents.filter((content) => /removed|left/.test(content))).toHaveLength(1);
});

it('does not tell a member removed at the same moment of a change committed after their removal', async () => {
  const { owner, members } = await ownerWithContacts(server, 3);
  const [removed, stays, joins] = members as [TestUser, TestUser, TestUser];
  const chat = await createGroup(server, owner, [removed, stays]);
  const direct = await openDirectChat(server, owner, removed);
  const removedSocket = await sockets.connect(server.url, removed.accessToken);
  const heardOfGroup: string[] = [];
  removedSocket.onAny((event: string, payload: unknown) => {
    if (JSON.stringify(payload).includes(chat.id)) heardOfGroup.push(event);
  });

  // The removal takes the chat's lock first, the addition (which began while `removed` was still a member) next.
  const byOwner = changesBy(owner, chat.id);
  const [removal, addition] = await runQueued(server, chat.id, [byOwner.remove(removed), byOwner.add(joins)]);
  expect(removal!.status).toBe(204);
  expect(addition!.status).toBe(200);

  // One socket delivers in order: once a later message arrives, everything published to `removed` before it has.
  const marker = nextEvent<{ message: { content: string } }>(
    removedSocket,
    'message:new',
    10_000,
    ({ message }) => message.content === 'after both',
  );
  await api()
    .post(`/api/chats/${direct}/messages`)
    .set(owner.auth)
    .send({ clientMsgId: 'after-both', content: 'after both' })
    .expect(201);
  await marker;
  expect(heardOfGroup).toEqual(['chat:removed']);
  const contents = (await groupHistory(server, stays, chat.id)).map((message) => message.content);
  expect(contents.slice(-2)).toEqual([expect.stringMatching(/removed/), expect.stringMatching(/added/)]);
});

it('answers an add of someone added at the same moment like one after it: 200, one membership, no second message', async () => {
  const { owner, members } = await ownerWithContacts(server, 3);
  const [first, joins, alsoJoins] = members as [TestUser, TestUser, TestUser];
  const chat = await createGroup(server, owner, [first]);
  const { add } = changesBy(owner, chat.id);
  const responses = await runQueued(server, chat.id, [add(joins), add(joins, alsoJoins), add(joins)]);
  expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
  expect(await server.prisma.chatParticipant.count({ where: { chatId: chat.id, userId: joins.id } })).toBe(1);
  const contents = (await groupHistory(server, owner, chat.id)).map((message) => message.content);
  expect(contents.filter((content) => content.includes(' added '))).toEqual([
    `${owner.displayName} added ${joins.displayName}`,
    `${owner.displayName} added ${alsoJoins.displayName}`,
  ]);
});

it('refuses to hand ownership to a member who leaves at the same moment, as to any non-member', async () => {
  const { owner, members } = await ownerWithContacts(server, 2);
  const [heir] = members as [TestUser, TestUser];
  const chat = await createGroup(server, owner, members);
  const [left, transfer] = await runQueued(server, chat.id, [
    changesBy(heir, chat.id).remove(heir),
    changesBy(owner, chat.id).update({ ownerId: heir.id }),
  ]);
  expect(left!.status).toBe(204);
  expect(transfer!.status).toBe(400);
  expect(transfer!.body.error.message).toBe('The new owner must be a member of the group');
  const after = await api().get(`/api/chats/${chat.id}`).set(owner.auth).expect(200);
  expect(after.body.chat.ownerId).toBe(owner.id);
  expect(after.body.chat.participants.filter((p: { role: string }) => p.role === 'owner')).toHaveLength(1);
});

it('answers changes to a group deleted at the same moment with 404, never a 500', async () => {
  const { owner, members } = await ownerWithContacts(server, 3);
  const [first, second, joins] = members as [TestUser, TestUser, TestUser];
  const chat = await createGroup(server, owner, [first, second]);
  const byOwner = changesBy(owner, chat.id);
  const responses = await runQueued(server, chat.id, [
    byOwner.deleteGroup(),
    byOwner.add(joins),
    byOwner.update({ name: 'Renamed' }),
    byOwner.update({ ownerId: first.id }),
    byOwner.remove(second),
    byOwner.deleteGroup(),
  ]);
  expect(responses.map((response) => response.status)).toEqual([204, 404, 404, 404, 404, 404]);
  expect(await server.prisma.chat.count({ where: { id: chat.id } })).toBe(0);
  expect(await server.prisma.chatParticipant.count({ where: { chatId: chat.id } })).toBe(0);
});

it('refuses the changes of an owner who handed the group on or left at the same moment, as it would a moment later', async () => {
  const { owner, members } = await ownerWithContacts(server, 3);
  const [heir, other, joins] = members as [TestUser, TestUser, TestUser];
  const chat = await createGroup(server, owner, [heir, other]);
  const byOwner = changesBy(owner, chat.id);
  const handedOn = await runQueued(server, chat.id, [
    byOwner.update({ ownerId: heir.id }),
    byOwner.remove(other),
    byOwner.add(joins),
    byOwner.update({ name: 'Still mine' }),
    byOwner.deleteGroup(),
  ]);
  expect(handedOn.map((response) => response.status)).toEqual([200, 403, 403, 403, 403]);
  const after = (await api().get(`/api/chats/${chat.id}`).set(heir.auth).expect(200)).body.chat;
  expect(after).toMatchObject({ ownerId: heir.id, name: 'Team' });
  expect(after.participants.map((p: { user: { id: string } }) => p.user.id).sort()).toEqual(
    [owner.id, heir.id, other.id].sort(),
  );

  const byHeir = changesBy(heir, chat.id);
  const [left, deletion] = await runQueued(server, chat.id, [byHeir.remove(heir), byHeir.deleteGroup()]);
  expect([left!.status, deletion!.status]).toEqual([204, 404]);
  await api().get(`/api/chats/${chat.id}`).set(other.auth).expect(200);
});
