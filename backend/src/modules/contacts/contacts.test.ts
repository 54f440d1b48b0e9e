import request from 'supertest';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { registerUser, type TestUser } from '../../../tests/helpers/users';

const server = useTestServer();
const sockets = useTestSockets();

const api = () => request(server.url);
const sendRequest = (from: TestUser, to: TestUser) =>
  api().post('/api/contacts/requests').set(from.auth).send({ userId: to.id });

it('request → both sides see it → recipient accepts → both are contacts', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  const sent = await sendRequest(alice, bob).expect(201);
  const requestId = sent.body.request.id;

  const bobsView = await api().get('/api/contacts/requests').set(bob.auth).expect(200);
  expect(bobsView.body.incoming).toEqual([
    expect.objectContaining({ id: requestId, from: expect.objectContaining({ id: alice.id }) }),
  ]);
  expect(bobsView.body.outgoing).toEqual([]);
  const alicesView = await api().get('/api/contacts/requests').set(alice.auth).expect(200);
  expect(alicesView.body.outgoing).toEqual([
    expect.objectContaining({ id: requestId, to: expect.objectContaining({ id: bob.id }) }),
  ]);

  await api().post(`/api/contacts/requests/${requestId}/accept`).set(alice.auth).expect(403);
  const accepted = await api().post(`/api/contacts/requests/${requestId}/accept`).set(bob.auth).expect(200);
  expect(accepted.body.contact.user.id).toBe(alice.id);

  const alicesContacts = await api().get('/api/contacts').set(alice.auth).expect(200);
  expect(alicesContacts.body.contacts.map((c: { user: { id: string } }) => c.user.id)).toEqual([bob.id]);
  const bobsContacts = await api().get('/api/contacts').set(bob.auth).expect(200);
  expect(bobsContacts.body.contacts.map((c: { user: { id: string } }) => c.user.id)).toEqual([alice.id]);
  expect((await api().get('/api/contacts/requests').set(bob.auth)).body.incoming).toEqual([]);

  await sendRequest(alice, bob).expect(409);
});

it('a request back to someone who already asked accepts theirs', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  await sendRequest(alice, bob).expect(201);
  const response = await sendRequest(bob, alice).expect(200);
  expect(response.body.contact.user.id).toBe(alice.id);
  const contacts = await api().get('/api/contacts').set(alice.auth);
  expect(contacts.body.contacts).toHaveLength(1);
});

it('refuses requests to yourself, to nobody, and duplicates', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  await sendRequest(alice, alice).expect(400);
  await api()
    .post('/api/contacts/requests')
    .set(alice.auth)
    .send({ userId: '00000000-0000-4000-8000-000000000000' })
    .expect(404);
  await sendRequest(alice, bob).expect(201);
  await sendRequest(alice, bob).expect(409);
});

it('the recipient can reject, the sender can cancel, strangers see nothing', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  const eve = await registerUser(server);
  const first = await sendRequest(alice, bob).expect(201);
  await api().delete(`/api/contacts/requests/${first.body.request.id}`).set(eve.auth).expect(404);
  await api().delete(`/api/contacts/requests/${first.body.request.id}`).set(bob.auth).expect(204);
  const second = await sendRequest(alice, bob).expect(201);
  await api().delete(`/api/contacts/requests/${second.body.request.id}`).set(alice.auth).expect(204);
  expect((await api().get('/api/contacts/requests').set(bob.auth)).body.incoming).toEqual([]);
});

it('removing a contact removes it for both', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  const sent = await sendRequest(alice, bob).expect(201);
  await api().post(`/api/contacts/requests/${sent.body.request.id}/accept`).set(bob.auth).expect(200);
  await api().delete(`/api/contacts/${alice.id}`).set(bob.auth).expect(204);
  expect((await api().get('/api/contacts').set(alice.auth)).body.contacts).toEqual([]);
  await api().delete(`/api/contacts/${alice.id}`).set(bob.auth).expect(404);
});

it('pushes every change to both users, on all their devices', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  const [alicePhone, aliceLaptop, bobPhone] = await Promise.all([
    sockets.connect(server.url, alice.accessToken),
    sockets.connect(server.url, alice.accessToken),
    sockets.connect(server.url, bob.accessToken),
  ]);
  type RequestEvent = { request: { id: string; from: { id: string }; to: { id: string } } };
  type ContactEvent = { contact: { user: { id: string } } };

  const requested = Promise.all([
    nextEvent<RequestEvent>(bobPhone, 'contact:request'),
    nextEvent<RequestEvent>(aliceLaptop, 'contact:request'),
  ]);
  const sent = await sendRequest(alice, bob).expect(201);
  for (const { request: pushed } of await requested) {
    expect(pushed).toMatchObject({ id: sent.body.request.id, from: { id: alice.id }, to: { id: bob.id } });
  }

  const cancelled = Promise.all(
    [alicePhone, bobPhone].map((socket) => nextEvent<{ requestId: string }>(socket, 'contact:request:removed')),
  );
  await api().delete(`/api/contacts/requests/${sent.body.request.id}`).set(alice.auth).expect(204);
  for (const event of await cancelled) expect(event.requestId).toBe(sent.body.request.id);

  const again = await sendRequest(alice, bob).expect(201);
  const accepted = Promise.all([
    nextEvent<ContactEvent>(alicePhone, 'contact:accepted'),
    nextEvent<ContactEvent>(bobPhone, 'contact:accepted'),
  ]);
  await api().post(`/api/contacts/requests/${again.body.request.id}/accept`).set(bob.auth).expect(200);
  const [forAlice, forBob] = await accepted;
  expect(forAlice.contact.user.id).toBe(bob.id);
  expect(forBob.contact.user.id).toBe(alice.id);

  const removed = Promise.all([
    nextEvent<{ userId: string }>(aliceLaptop, 'contact:removed'),
    nextEvent<{ userId: string }>(bobPhone, 'contact:removed'),
  ]);
  await api().delete(`/api/contacts/${bob.id}`).set(alice.auth).expect(204);
  const [forAliceDevice, forBobDevice] = await removed;
  expect(forAliceDevice.userId).toBe(bob.id);
  expect(forBobDevice.userId).toBe(alice.id);
});
