import request from 'supertest';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { chattingPair, makeContacts, registerUser, type TestUser } from '../../../tests/helpers/users';

/** Issue #20, blocking: the block itself, its list, the contact it suspends and the requests it refuses. */

const server = useTestServer();
const sockets = useTestSockets();

const api = () => request(server.url);
const block = (by: TestUser, whom: { id: string }) => api().post(`/api/users/${whom.id}/block`).set(by.auth);
const unblock = (by: TestUser, whom: { id: string }) => api().delete(`/api/users/${whom.id}/block`).set(by.auth);
const askToConnect = (from: TestUser, to: TestUser) =>
  api().post('/api/contacts/requests').set(from.auth).send({ userId: to.id });

async function contactIds(user: TestUser): Promise<string[]> {
  const response = await api().get('/api/contacts').set(user.auth).expect(200);
  return (response.body as { contacts: { user: { id: string } }[] }).contacts.map((contact) => contact.user.id);
}

async function blockedList(user: TestUser) {
  return (await api().get('/api/users/me/blocks').set(user.auth).expect(200)).body as {
    users: { id: string; username: string; blockedAt: string }[];
  };
}

async function isBlocked(viewer: TestUser, other: TestUser): Promise<boolean> {
  return (
    (await api().get(`/api/users/${other.id}`).set(viewer.auth).expect(200)).body as {
      user: { isBlocked: boolean };
    }
  ).user.isBlocked;
}

it('suspends the contact while the block stands and restores it, both rows, on unblock', async () => {
  const { alice, bob } = await chattingPair(server);
  const [aliceSocket, bobSocket] = await Promise.all([
    sockets.connect(server.url, alice.accessToken),
    sockets.connect(server.url, bob.accessToken),
  ]);

  const removedForAlice = nextEvent<{ userId: string }>(aliceSocket, 'contact:removed');
  const removedForBob = nextEvent<{ userId: string }>(bobSocket, 'contact:removed');
  await block(alice, bob).expect(204);
  expect([await removedForAlice, await removedForBob]).toMatchObject([{ userId: bob.id }, { userId: alice.id }]);
  expect([await contactIds(alice), await contactIds(bob)]).toEqual([[], []]);
  expect(await blockedList(alice)).toEqual({
    users: [
      {
        id: bob.id,
        username: bob.username,
        displayName: bob.displayName,
        avatarUrl: null,
        blockedAt: expect.any(String),
      },
    ],
  });
  expect((await blockedList(bob)).users).toEqual([]);
  expect([await isBlocked(alice, bob), await isBlocked(bob, alice)]).toEqual([true, false]);

  const backForAlice = nextEvent<{ contact: { user: { id: string } } }>(aliceSocket, 'contact:accepted');
  const backForBob = nextEvent<{ contact: { user: { id: string } } }>(bobSocket, 'contact:accepted');
  await unblock(alice, bob).expect(204);
  expect([(await backForAlice).contact.user.id, (await backForBob).contact.user.id]).toEqual([bob.id, alice.id]);
  expect([await contactIds(alice), await contactIds(bob)]).toEqual([[bob.id], [alice.id]]);
  expect((await blockedList(alice)).users).toEqual([]);
  expect(await isBlocked(alice, bob)).toBe(false);
});

it('does not make contacts of people who were not contacts when one blocked the other', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  await block(alice, bob).expect(204);
  await unblock(alice, bob).expect(204);
  expect([await contactIds(alice), await contactIds(bob)]).toEqual([[], []]);
});

it('refuses contact requests either way while the block stands, and removes the pending ones', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  const pending = await askToConnect(bob, alice).expect(201);
  const aliceSocket = await sockets.connect(server.url, alice.accessToken);
  const removed = nextEvent<{ requestId: string }>(aliceSocket, 'contact:request:removed');

  await block(alice, bob).expect(204);
  expect(await removed).toMatchObject({ requestId: (pending.body as { request: { id: string } }).request.id });
  for (const user of [alice, bob]) {
    expect((await api().get('/api/contacts/requests').set(user.auth).expect(200)).body).toEqual({
      incoming: [],
      outgoing: [],
    });
  }

  const fromBlocked = await askToConnect(bob, alice).expect(403);
  expect(fromBlocked.body.error).toEqual({
    code: 'BLOCKED',
    message: 'This user has blocked you; you cannot send them contact requests',
  });
  const fromBlocker = await askToConnect(alice, bob).expect(403);
  expect(fromBlocker.body.error).toEqual({
    code: 'BLOCKED',
    message: 'You blocked this user; unblock them to send them contact requests',
  });

  await unblock(alice, bob).expect(204);
  await askToConnect(bob, alice).expect(201);
});

it('keeps the contact away until both have lifted their blocks, when they blocked each other', async () => {
  const { alice, bob } = await chattingPair(server);
  await block(alice, bob).expect(204);
  await block(bob, alice).expect(204);
  await unblock(alice, bob).expect(204);
  expect(await contactIds(alice)).toEqual([]);
  await askToConnect(alice, bob).expect(403);
  await unblock(bob, alice).expect(204);
  expect([await contactIds(alice), await contactIds(bob)]).toEqual([[bob.id], [alice.id]]);
});

it('is idempotent both ways, and blocking again keeps what the first block remembered', async () => {
  const { alice, bob } = await chattingPair(server);
  await block(alice, bob).expect(204);
  await block(alice, bob).expect(204);
  expect((await blockedList(alice)).users.map((user) => user.id)).toEqual([bob.id]);
  await unblock(alice, bob).expect(204);
  await unblock(alice, bob).expect(204);
  expect(await contactIds(alice)).toEqual([bob.id]);
});

it('lists the newest block first', async () => {
  const alice = await registerUser(server);
  const [bob, carol] = [await registerUser(server), await registerUser(server)];
  await block(alice, bob).expect(204);
  await block(alice, carol).expect(204);
  expect((await blockedList(alice)).users.map((user) => user.id)).toEqual([carol.id, bob.id]);
});

it('refuses yourself, unknown users and ids that are not ids', async () => {
  const alice = await registerUser(server);
  const nobody = { id: '00000000-0000-4000-8000-000000000000' };
  for (const call of [block, unblock]) {
    expect((await call(alice, alice).expect(400)).body.error.code).toBe('VALIDATION_ERROR');
    expect((await call(alice, nobody).expect(404)).body.error.code).toBe('NOT_FOUND');
    const malformed = await call(alice, { id: 'not-an-id' }).expect(400);
    expect(malformed.body.error.details).toEqual([{ field: 'id', message: 'must be a user id' }]);
  }
  await api().post(`/api/users/${alice.id}/block`).expect(401);
  await api().get('/api/users/me/blocks').expect(401);
});

it('makes no contact of a blocked pair even when an accept and the block race', async () => {
  for (let round = 0; round < 5; round++) {
    const alice = await registerUser(server);
    const bob = await registerUser(server);
    const pending = await askToConnect(bob, alice).expect(201);
    const requestId = (pending.body as { request: { id: string } }).request.id;
    const [accepted] = await Promise.all([
      api().post(`/api/contacts/requests/${requestId}/accept`).set(alice.auth),
      block(alice, bob).expect(204),
    ]);
    expect([200, 404]).toContain(accepted.status);
    expect([await contactIds(alice), await contactIds(bob)]).toEqual([[], []]);
    // Had the accept come first, the block remembers the contact, and lifting it gives it back.
    await unblock(alice, bob).expect(204);
    const restored = accepted.status === 200 ? [[bob.id], [alice.id]] : [[], []];
    expect([await contactIds(alice), await contactIds(bob)]).toEqual(restored);
  }
});

it('ends consistent when blocks and unblocks of one pair race, and the last unblock brings the contact back', async () => {
  const { alice, bob } = await chattingPair(server);
  await makeContacts(server, await registerUser(server), alice); // someone else's contact is left alone
  const calls = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? block(alice, bob) : unblock(bob, alice)));
  const more = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? unblock(alice, bob) : block(bob, alice)));
  const answers = await Promise.all([...calls, ...more]);
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 204));

  const blocks = await server.prisma.userBlock.count({ where: { blockerId: { in: [alice.id, bob.id] } } });
  const pairRows = await server.prisma.contact.count({
    where: {
      OR: [
        { userId: alice.id, contactId: bob.id },
        { userId: bob.id, contactId: alice.id },
      ],
    },
  });
  expect({ contactRowsWhileBlocked: blocks > 0 ? pairRows : 0 }).toEqual({ contactRowsWhileBlocked: 0 });

  await unblock(alice, bob).expect(204);
  await unblock(bob, alice).expect(204);
  expect([(await contactIds(alice)).includes(bob.id), await contactIds(bob)]).toEqual([true, [alice.id]]);
});
