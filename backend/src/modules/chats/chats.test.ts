import request from 'supertest';
import { useTestServer } from '../../../tests/helpers/test-server';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { chattingPair, makeContacts, registerUser } from '../../../tests/helpers/users';

const server = useTestServer();
const sockets = useTestSockets();

const api = () => request(server.url);

it('opens one direct chat per pair of contacts and lists it for both', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  await api().post('/api/chats/direct').set(alice.auth).send({ userId: bob.id }).expect(403);
  await makeContacts(server, alice, bob);

  const created = await api().post('/api/chats/direct').set(alice.auth).send({ userId: bob.id }).expect(201);
  expect(created.body.chat).toMatchObject({
    type: 'direct',
    name: null,
    lastMessage: null,
    lastSeq: 0,
    unreadCount: 0,
  });
  expect(created.body.chat.participants.map((p: { user: { id: string } }) => p.user.id).sort()).toEqual(
    [alice.id, bob.id].sort(),
  );
  const again = await api().post('/api/chats/direct').set(bob.auth).send({ userId: alice.id }).expect(200);
  expect(again.body.chat.id).toBe(created.body.chat.id);

  const bobsChats = await api().get('/api/chats').set(bob.auth).expect(200);
  expect(bobsChats.body.chats.map((chat: { id: string }) => chat.id)).toEqual([created.body.chat.id]);
  await api().get(`/api/chats/${created.body.chat.id}`).set(bob.auth).expect(200);
});

it('creates exactly one chat when both open it at the same moment', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  await makeContacts(server, alice, bob);
  const responses = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      i % 2
        ? api().post('/api/chats/direct').set(alice.auth).send({ userId: bob.id })
        : api().post('/api/chats/direct').set(bob.auth).send({ userId: alice.id }),
    ),
  );
  expect(new Set(responses.map((response) => response.body.chat.id)).size).toBe(1);
  expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
});

it('hides a chat from anyone who is not in it', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  const eve = await registerUser(server);
  await makeContacts(server, alice, bob);
  const { body } = await api().post('/api/chats/direct').set(alice.auth).send({ userId: bob.id });
  await api().get(`/api/chats/${body.chat.id}`).set(eve.auth).expect(404);
  await api().get(`/api/chats/${body.chat.id}/messages`).set(eve.auth).expect(404);
  await api()
    .post(`/api/chats/${body.chat.id}/messages`)
    .set(eve.auth)
    .send({ clientMsgId: 'x', content: 'let me in' })
    .expect(404);
  expect((await api().get('/api/chats').set(eve.auth)).body.chats).toEqual([]);
});

it("mutes a chat for one participant only, on all of that participant's devices", async () => {
  const { alice, bob, chatId } = await chattingPair(server);
  const otherDevice = await sockets.connect(server.url, alice.accessToken);
  const bobsDevice = await sockets.connect(server.url, bob.accessToken);
  let bobHeard = false;
  bobsDevice.on('chat:updated', () => (bobHeard = true));
  const update = nextEvent<{ chat: { id: string; muted: boolean } }>(otherDevice, 'chat:updated');

  const muted = await api().put(`/api/chats/${chatId}/mute`).set(alice.auth).send({ muted: true }).expect(200);
  expect(muted.body.chat).toMatchObject({ id: chatId, muted: true });
  expect((await update).chat).toMatchObject({ id: chatId, muted: true });
  expect((await api().get('/api/chats').set(alice.auth)).body.chats[0].muted).toBe(true);
  // Bob's view is untouched, and nothing in the chat tells him Alice muted it.
  const bobsView = (await api().get(`/api/chats/${chatId}`).set(bob.auth)).body.chat;
  expect(bobsView.muted).toBe(false);
  expect(JSON.stringify(bobsView)).not.toContain('"muted":true');
  expect(bobHeard).toBe(false);

  await api().put(`/api/chats/${chatId}/mute`).set(alice.auth).send({ muted: false }).expect(200);
  expect((await api().get(`/api/chats/${chatId}`).set(alice.auth)).body.chat.muted).toBe(false);

  const eve = await registerUser(server);
  await api().put(`/api/chats/${chatId}/mute`).set(eve.auth).send({ muted: true }).expect(404);
  const invalid = await api().put(`/api/chats/${chatId}/mute`).set(alice.auth).send({ muted: 'yes' }).expect(400);
  expect(invalid.body.error.details[0].field).toBe('muted');
  await api().put(`/api/chats/${chatId}/mute`).set(alice.auth).send({}).expect(400);
});
