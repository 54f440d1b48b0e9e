import { CLIENT_FEATURES } from '@messenger/contract';
import { SHARED_REDIS_KINDS, type SharedRedis } from './helpers/shared-redis';
import { nextEvent, TestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { chattingPair, makeContacts, registerUser, type TestUser } from './helpers/users';

/** Two instances over one database, sharing one Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES). */
describe.each(SHARED_REDIS_KINDS)('through %s', (_, startRedis) => {
  let redis: SharedRedis;
  let database: TestDatabase;
  let instances: TestServer[];
  const sockets = new TestSockets();

  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    instances = [await startTestServer(redis.env, database), await startTestServer(redis.env, database)];
  }, 30_000);
  afterAll(async () => {
    sockets.disconnectAll();
    for (const instance of instances) await instance.close();
    await database.drop();
    await redis.stop();
  });

  it('delivers a message sent through one instance to a recipient connected to another', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const { alice, bob, chatId } = await chattingPair(first);

    const aliceSocket = await sockets.connect(first.url, alice.accessToken);
    const bobSocket = await sockets.connect(second.url, bob.accessToken);
    const received = new Promise<{ message: { content: string } }>((resolve) => bobSocket.once('message:new', resolve));
    const ack = await aliceSocket
      .timeout(5_000)
      .emitWithAck('message:send', { chatId, clientMsgId: 'across', content: 'across instances' });
    expect(ack.ok).toBe(true);
    expect((await received).message.content).toBe('across instances');
    const ready = await fetch(`${second.url}/ready`);
    expect(ready.status).toBe(200);
  });

  it('tells a user mentioned through one instance on their device connected to another, and replays it by sync', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const { alice, bob, chatId } = await chattingPair(first);
    const bobSocket = await sockets.connect(second.url, bob.accessToken);
    const { cursor } = (await bobSocket.timeout(5_000).emitWithAck('sync', { cursor: null })) as { cursor: string };
    const mentioned = nextEvent<{ chatId: string; messageId: string }>(bobSocket, 'mention:new');
    const sent = await fetch(`${first.url}/api/chats/${chatId}/messages`, {
      method: 'POST',
      headers: { ...alice.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientMsgId: 'mention', content: `@${bob.username} across instances` }),
    });
    const { message } = (await sent.json()) as { message: { id: string; mentions: string[] } };
    expect(message.mentions).toEqual([bob.id]);
    expect(await mentioned).toMatchObject({ chatId, messageId: message.id });

    const replay = (await bobSocket.timeout(5_000).emitWithAck('sync', { cursor })) as {
      events: { event: string; payload: { messageId?: string } }[];
    };
    expect(replay.events.map((entry) => entry.event)).toEqual(['message:new', 'mention:new']);
    expect(replay.events[1]?.payload.messageId).toBe(message.id);
  });

  it('shows presence across instances: connected on one, seen online through the other', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const alice = await registerUser(first);
    const bob = await registerUser(first);
    await makeContacts(first, alice, bob);
    const bobSocket = await sockets.connect(second.url, bob.accessToken);
    const online = nextEvent<{ userId: string }>(bobSocket, 'presence:online');
    const aliceSocket = await sockets.connect(first.url, alice.accessToken);
    expect((await online).userId).toBe(alice.id);
    const profile = await fetch(`${second.url}/api/users/${alice.id}`, { headers: bob.auth });
    expect(((await profile.json()) as { user: { online: boolean } }).user.online).toBe(true);

    const offline = nextEvent<{ userId: string }>(bobSocket, 'presence:offline', 8_000);
    aliceSocket.disconnect();
    expect((await offline).userId).toBe(alice.id);
    const after = await fetch(`${second.url}/api/users/${alice.id}`, { headers: bob.auth });
    expect(((await after.json()) as { user: { online: boolean } }).user.online).toBe(false);
  }, 15_000);

  it('tells a presence-batch socket one presence:changed per window, older sockets per user, and hides the blocked', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const [alice, carol, dave, eve, bob] = (await Promise.all([1, 2, 3, 4, 5].map(() => registerUser(first)))) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    for (const other of [alice, carol, dave]) await makeContacts(first, bob, other);
    await makeContacts(first, dave, eve);
    const blocked = await fetch(`${first.url}/api/users/${dave.id}/block`, { method: 'POST', headers: bob.auth });
    expect(blocked.status).toBe(204);

    const batched: { online: string[]; offline: unknown[] }[] = [];
    const bobBatch = await sockets.connect(second.url, bob.accessToken, ['websocket'], ['presence-batch']);
    bobBatch.on('presence:changed', (changes: { online: string[]; offline: unknown[] }) => batched.push(changes));
    bobBatch.on('presence:online', () => batched.push({ online: ['per-user event on a batch socket'], offline: [] }));
    const bobOld = await sockets.connect(second.url, bob.accessToken);
    const eveSocket = await sockets.connect(second.url, eve.accessToken);

    // Dave (blocked by Bob) comes online first; once Eve has heard of it, his window has gone out.
    const daveSeen = nextEvent<{ userId: string }>(eveSocket, 'presence:online', 5_000, (e) => e.userId === dave.id);
    await sockets.connect(first.url, dave.accessToken);
    await daveSeen;

    const oldHearsAlice = nextEvent<{ userId: string }>(bobOld, 'presence:online', 5_000, (e) => e.userId === alice.id);
    const oldHearsCarol = nextEvent<{ userId: string }>(bobOld, 'presence:online', 5_000, (e) => e.userId === carol.id);
    const batchHearsBoth = nextEvent<unknown>(bobBatch, 'presence:changed', 5_000, () =>
      [alice.id, carol.id].every((id) => batched.some((changes) => changes.online.includes(id))),
    );
    await Promise.all([sockets.connect(first.url, alice.accessToken), sockets.connect(first.url, carol.accessToken)]);
    await Promise.all([oldHearsAlice, oldHearsCarol, batchHearsBoth]);

    const heard = batched.flatMap((changes) => changes.online);
    expect(heard.sort()).toEqual([alice.id, carol.id].sort());
    // Usually one event for both (the connects overlap); a loaded machine may split them across two windows.
    expect(batched.length).toBeLessThanOrEqual(2);
    for (const changes of batched) expect(changes.offline).toEqual([]);
  }, 20_000);

  it('tells a member connected to another instance of a pin and an unpin (message:pinned through Redis)', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const { alice, bob, chatId } = await chattingPair(first);
    const bobSocket = await sockets.connect(second.url, bob.accessToken);
    const sent = await fetch(`${first.url}/api/chats/${chatId}/messages`, {
      method: 'POST',
      headers: { ...alice.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientMsgId: 'pin-across', content: 'pin me across instances' }),
    });
    const { message } = (await sent.json()) as { message: { id: string } };
    type Pinned = { message: { id: string; pinnedAt: string | null; pinnedBy: { id: string } | null } };

    const pinned = nextEvent<Pinned>(bobSocket, 'message:pinned');
    const announced = nextEvent<{ message: { type: string; replyTo: { id: string } } }>(
      bobSocket,
      'message:new',
      5_000,
      (event) => event.message.type === 'system',
    );
    const pinning = await fetch(`${first.url}/api/messages/${message.id}/pin`, { method: 'POST', headers: alice.auth });
    expect(pinning.status).toBe(200);
    expect((await pinned).message).toMatchObject({ id: message.id, pinnedBy: { id: alice.id } });
    expect((await announced).message).toMatchObject({ type: 'system', replyTo: { id: message.id } });

    const unpinned = nextEvent<Pinned>(bobSocket, 'message:pinned');
    await fetch(`${first.url}/api/messages/${message.id}/pin`, { method: 'DELETE', headers: alice.auth });
    expect((await unpinned).message).toMatchObject({ id: message.id, pinnedAt: null, pinnedBy: null });
  });

  it('tells a join through one instance as chat:members on another, and as chat:updated to an older client there', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const { alice: owner, bob: member } = await chattingPair(first);
    const joiner = await registerUser(first);
    const created = await fetch(`${first.url}/api/chats/group`, {
      method: 'POST',
      headers: { ...owner.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Across', memberIds: [member.id], visibility: 'open' }),
    });
    const chatId = ((await created.json()) as { chat: { id: string } }).chat.id;
    // Both of the member's devices on the second instance; the join goes through the first, which must ask it.
    const [delta, older] = await Promise.all([
      sockets.connect(second.url, member.accessToken, ['websocket'], Object.values(CLIENT_FEATURES)),
      sockets.connect(second.url, member.accessToken),
    ]);
    const members = nextEvent<{ added: { user: { id: string } }[] }>(delta, 'chat:members');
    const updated = nextEvent<{ chat: { participants: unknown[] } }>(older, 'chat:updated');
    const joined = await fetch(`${first.url}/api/chats/${chatId}/join`, { method: 'POST', headers: joiner.auth });
    expect(joined.status).toBe(200);
    expect((await members).added.map((participant) => participant.user.id)).toEqual([joiner.id]);
    expect((await updated).chat.participants).toHaveLength(3);
  });

  it('tells a receipts:batch through one instance as receipts:changed on another, and per chat to an older client', async () => {
    const [first, second] = instances as [TestServer, TestServer];
    const { alice, bob, chatId } = await chattingPair(first);
    await fetch(`${first.url}/api/chats/${chatId}/messages`, {
      method: 'POST',
      headers: { ...alice.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientMsgId: 'batched', content: 'hi' }),
    });
    const [batched, older, reader] = await Promise.all([
      sockets.connect(second.url, alice.accessToken, ['websocket'], Object.values(CLIENT_FEATURES)),
      sockets.connect(second.url, alice.accessToken),
      sockets.connect(first.url, bob.accessToken, ['websocket'], Object.values(CLIENT_FEATURES)),
    ]);
    const changed = nextEvent<{ receipts: unknown[]; cursor: string }>(batched, 'receipts:changed');
    const read = nextEvent<{ seq: number; cursor: string }>(older, 'message:read');
    await reader.timeout(5_000).emitWithAck('receipts:batch', { receipts: [{ chatId, read: 1 }] });
    const { receipts, cursor } = await changed;
    expect(receipts).toEqual([{ chatId, userId: bob.id, delivered: 1, read: 1 }]);
    expect(await read).toEqual({ chatId, userId: bob.id, seq: 1, cursor });
  });
});
