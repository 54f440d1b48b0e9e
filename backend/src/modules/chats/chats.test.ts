import request from 'supertest';
import { useTestServer } from '../../../tests/helpers/test-server';
import { makeContacts, registerUser } from '../../../tests/helpers/users';

const server = useTestServer();

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
