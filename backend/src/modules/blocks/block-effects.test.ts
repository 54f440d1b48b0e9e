import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { createGroup } from '../../../tests/helpers/groups';
import { nextEvent, useTestSockets } from '../../../tests/helpers/sockets';
import { useTestServer } from '../../../tests/helpers/test-server';
import { chattingPair, makeContacts, registerUser, type TestUser } from '../../../tests/helpers/users';

/**
 * Issue #20, what a block does between two users, over the real PostgreSQL and Redis (presence and fan-out): no
 * messages in their direct chat, no new direct chat, no presence and no typing either way; their group is unaffected.
 */

// Redis keeps the per-IP registration count across runs (and other suites on 127.0.0.1): lift it for this file.
const server = useTestServer({
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  REGISTRATION_RATE_LIMIT_PER_HOUR: '100000',
});
const sockets = useTestSockets();
const api = () => request(server.url);
const connect = (user: TestUser) => sockets.connect(server.url, user.accessToken);

interface Scene {
  alice: TestUser;
  bob: TestUser;
  carol: TestUser;
  directId: string;
  groupId: string;
}

/** Alice and Bob share a direct chat and a group of Alice's with Carol (a contact of both); then Alice blocks Bob. */
async function aliceBlocksBob(): Promise<Scene> {
  const { alice, bob, chatId: directId } = await chattingPair(server);
  const carol = await registerUser(server);
  await Promise.all([makeContacts(server, alice, carol), makeContacts(server, bob, carol)]);
  const group = await createGroup(server, alice, [bob, carol]);
  await api().post(`/api/users/${bob.id}/block`).set(alice.auth).expect(204);
  return { alice, bob, carol, directId, groupId: group.id };
}

const send = (user: TestUser, chatId: string, text: string) =>
  api().post(`/api/chats/${chatId}/messages`).set(user.auth).send({ clientMsgId: text, content: text });

/** Every event the socket gets, by name. */
function heard(socket: Socket): string[] {
  const events: string[] = [];
  socket.onAny((event: string, payload: { userId?: string }) => events.push(`${event} ${payload.userId ?? ''}`));
  return events;
}

/** An acknowledged round trip: whatever the server sent this socket before it has arrived. */
const roundTrip = (socket: Socket) => socket.timeout(5_000).emitWithAck('typing:stop', { chatId: randomUUID() });

it('refuses messages in their direct chat both ways, over REST and the socket, and keeps the group open', async () => {
  const { alice, bob, directId, groupId } = await aliceBlocksBob();

  const fromBlocked = await send(bob, directId, 'let me in').expect(403);
  expect(fromBlocked.body.error).toEqual({
    code: 'BLOCKED',
    message: 'This user has blocked you; you cannot send them messages',
  });
  const fromBlocker = await send(alice, directId, 'just one more').expect(403);
  expect(fromBlocker.body.error.message).toBe('You blocked this user; unblock them to send them messages');
  const bobSocket = await connect(bob);
  const ack = await bobSocket
    .timeout(5_000)
    .emitWithAck('message:send', { chatId: directId, clientMsgId: 'socket', content: 'socket' });
  expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code: 'BLOCKED' }) });

  // Nothing was written; the history stays readable to both.
  for (const user of [alice, bob]) {
    const history = await api().get(`/api/chats/${directId}/messages`).set(user.auth).expect(200);
    expect(history.body.messages).toEqual([]);
  }
  await send(bob, groupId, 'groups are unaffected').expect(201);

  await api().delete(`/api/users/${bob.id}/block`).set(alice.auth).expect(204);
  await send(bob, directId, 'thanks').expect(201);
});

it('refuses a new direct chat between them, either way', async () => {
  const alice = await registerUser(server);
  const bob = await registerUser(server);
  await makeContacts(server, alice, bob);
  await api().post(`/api/users/${bob.id}/block`).set(alice.auth).expect(204);
  const byBlocked = await api().post('/api/chats/direct').set(bob.auth).send({ userId: alice.id }).expect(403);
  expect(byBlocked.body.error.code).toBe('BLOCKED');
  const byBlocker = await api().post('/api/chats/direct').set(alice.auth).send({ userId: bob.id }).expect(403);
  expect(byBlocker.body.error.code).toBe('BLOCKED');
});

it('shows neither any presence of the other: profile, search, chats and their participants', async () => {
  const { alice, bob, carol, directId, groupId } = await aliceBlocksBob();
  await Promise.all([connect(alice), connect(bob), connect(carol)]);
  const presenceOf = (user: { online: unknown; lastSeenAt: unknown }) => [user.online, user.lastSeenAt];
  // Carol sees Alice online first: from then on, null for Bob is the block, not lag.
  for (let tries = 0; ; tries++) {
    const seen = await api().get(`/api/users/${alice.id}`).set(carol.auth).expect(200);
    if (seen.body.user.online === true) break;
    if (tries > 100) throw new Error('Alice never showed as online');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  for (const [viewer, other] of [
    [bob, alice],
    [alice, bob],
  ] as const) {
    const profile = await api().get(`/api/users/${other.id}`).set(viewer.auth).expect(200);
    expect(presenceOf(profile.body.user)).toEqual([null, null]);
    const found = await api().get('/api/users/search').set(viewer.auth).query({ q: other.username }).expect(200);
    expect(presenceOf(found.body.users[0])).toEqual([null, null]);
    const chats = await api().get('/api/chats').set(viewer.auth).expect(200);
    for (const chatId of [directId, groupId]) {
      const chat = (chats.body.chats as { id: string; participants: { user: { id: string } }[] }[]).find(
        (listed) => listed.id === chatId,
      );
      const participant = chat?.participants.find((listed) => listed.user.id === other.id);
      expect(presenceOf(participant?.user as never)).toEqual([null, null]);
      const one = await api().get(`/api/chats/${chatId}`).set(viewer.auth).expect(200);
      const inOne = (one.body.chat.participants as { user: { id: string } }[]).find((p) => p.user.id === other.id);
      expect(presenceOf(inOne?.user as never)).toEqual([null, null]);
    }
  }
  // Carol, in the same group, still sees both.
  const group = await api().get(`/api/chats/${groupId}`).set(carol.auth).expect(200);
  const online = (group.body.chat.participants as { user: { id: string; online: boolean } }[])
    .filter((p) => p.user.id === alice.id)
    .map((p) => p.user.online);
  expect(online).toEqual([true]);
});

it('re-sends the chats they share to both, with the presence across the block hidden, and shown again after', async () => {
  const { alice, bob, chatId: directId } = await chattingPair(server);
  const group = await createGroup(server, alice, [bob]);
  const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
  type Update = { chat: { id: string; participants: { user: { id: string; online: boolean | null } }[] } };
  const onlineOf = (update: Update, userId: string) =>
    update.chat.participants.find((participant) => participant.user.id === userId)?.user.online;
  const updates = (socket: Socket, count: number) => {
    const received: Update[] = [];
    return new Promise<Update[]>((resolve) => {
      socket.on('chat:updated', (update: Update) => {
        received.push(update);
        if (received.length === count) resolve(received);
      });
    });
  };

  const [toAlice, toBob] = [updates(aliceSocket, 2), updates(bobSocket, 2)];
  await api().post(`/api/users/${bob.id}/block`).set(alice.auth).expect(204);
  for (const [received, other] of [
    [await toAlice, bob],
    [await toBob, alice],
  ] as const) {
    expect(received.map((update) => update.chat.id).sort()).toEqual([directId, group.id].sort());
    expect(received.map((update) => onlineOf(update, other.id))).toEqual([null, null]);
  }
  aliceSocket.off('chat:updated');
  const shownAgain = updates(aliceSocket, 2);
  await api().delete(`/api/users/${bob.id}/block`).set(alice.auth).expect(204);
  expect((await shownAgain).map((update) => onlineOf(update, bob.id))).toEqual([true, true]);
});

it('pushes no presence events across the block, while others still get them', async () => {
  const { alice, bob, carol } = await aliceBlocksBob();
  const [bobSocket, carolSocket] = await Promise.all([connect(bob), connect(carol)]);
  const bobHeard = heard(bobSocket);
  const carolHears = nextEvent<{ userId: string }>(carolSocket, 'presence:online', 5_000, (e) => e.userId === alice.id);
  const aliceSocket = await connect(alice);
  await carolHears;
  await roundTrip(bobSocket);
  expect(bobHeard.filter((event) => event.startsWith('presence:') && event.endsWith(alice.id))).toEqual([]);

  // And the other way: Alice hears nothing of Bob going offline.
  const aliceHeard = heard(aliceSocket);
  const carolHearsBob = nextEvent<{ userId: string }>(
    carolSocket,
    'presence:offline',
    8_000,
    (e) => e.userId === bob.id,
  );
  bobSocket.disconnect();
  await carolHearsBob;
  await roundTrip(aliceSocket);
  expect(aliceHeard.filter((event) => event.startsWith('presence:') && event.endsWith(bob.id))).toEqual([]);
}, 20_000);

it('relays no typing across the block, in their direct chat or their group; Carol still sees it', async () => {
  const { alice, bob, carol, directId, groupId } = await aliceBlocksBob();
  const [aliceSocket, bobSocket, carolSocket] = await Promise.all([connect(alice), connect(bob), connect(carol)]);
  const aliceHeard = heard(aliceSocket);
  const carolHears = nextEvent<{ chatId: string; userId: string }>(carolSocket, 'typing:start');
  expect(await bobSocket.timeout(5_000).emitWithAck('typing:start', { chatId: directId })).toEqual({ ok: true });
  expect(await bobSocket.timeout(5_000).emitWithAck('typing:start', { chatId: groupId })).toEqual({ ok: true });
  expect(await carolHears).toEqual({ chatId: groupId, userId: bob.id });
  await roundTrip(aliceSocket);
  expect(aliceHeard.filter((event) => event.startsWith('typing:'))).toEqual([]);
});

it('answers every send that races the block with either the message or BLOCKED, and nothing half-written', async () => {
  const { alice, bob, chatId } = await chattingPair(server);
  const sends = Array.from({ length: 20 }, (_, i) => send(bob, chatId, `race-${i}`));
  const [answers] = await Promise.all([
    Promise.all(sends),
    api().post(`/api/users/${bob.id}/block`).set(alice.auth).expect(204),
  ]);
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status !== 201 && status !== 403)).toEqual([]);
  const history = await api().get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);
  const written = (history.body.messages as { clientMsgId: string }[]).map((message) => message.clientMsgId).sort();
  const acknowledged = answers
    .filter((answer) => answer.status === 201)
    .map((answer) => (answer.body as { message: { clientMsgId: string } }).message.clientMsgId)
    .sort();
  expect(written).toEqual(acknowledged);
  // Once the block has answered, no send gets through.
  await send(bob, chatId, 'after').expect(403);
});
