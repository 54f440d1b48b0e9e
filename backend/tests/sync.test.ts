import request from 'supertest';
import { ONE_REDIS, REDIS_CLUSTER, type SharedRedis, type SharedRedisKind } from './helpers/shared-redis';
import { nextEvent, useTestSockets } from './helpers/sockets';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';
import { chattingPair, registerUser } from './helpers/users';

const sockets = useTestSockets();
const SINGLE_NODE: SharedRedisKind = [
  'a single node (the log in memory)',
  () => Promise.resolve({ env: {}, stop: () => Promise.resolve() }),
];

/**
 * The same replays from the log in memory, in one Redis and in a Redis Cluster. With Redis, two instances share
 * the log: a device that comes back reaches the other one.
 */
describe.each([SINGLE_NODE, ONE_REDIS, REDIS_CLUSTER])('on %s', (_, startRedis) => {
  let redis: SharedRedis;
  let database: TestDatabase;
  let server: TestServer;
  let other: TestServer;
  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    server = await startTestServer(redis.env, database);
    other =
      (redis.env.REDIS_URL ?? redis.env.REDIS_CLUSTER_NODES) ? await startTestServer(redis.env, database) : server;
  }, 30_000);
  afterAll(async () => {
    await server.close();
    if (other !== server) await other.close();
    await database.drop();
    await redis.stop();
  });

  it('replays everything a device missed while offline, in order, then nothing', async () => {
    const { alice, bob, chatId } = await chattingPair(server);
    const api = () => request(server.url);

    const bobPhone = await sockets.connect(server.url, bob.accessToken);
    const { cursor: before } = await bobPhone.timeout(5_000).emitWithAck('sync', { cursor: null });
    const live = nextEvent<{ cursor: string }>(bobPhone, 'message:new');
    const first = await api()
      .post(`/api/chats/${chatId}/messages`)
      .set(alice.auth)
      .send({ clientMsgId: 's1', content: 'while you were here' });
    const { cursor: seen } = await live;
    expect(seen).toEqual(expect.any(String));
    bobPhone.disconnect();

    // Bob's phone is offline: a message, an edit, a reaction, a deletion and a read receipt happen.
    const second = await api()
      .post(`/api/chats/${chatId}/messages`)
      .set(alice.auth)
      .send({ clientMsgId: 's2', content: 'while you were away' });
    await api().put(`/api/messages/${first.body.message.id}`).set(alice.auth).send({ content: 'edited' });
    await api().post(`/api/messages/${second.body.message.id}/reactions`).set(alice.auth).send({ emoji: '🎉' });
    await api().delete(`/api/messages/${first.body.message.id}`).set(alice.auth);
    const bobLaptop = await sockets.connect(server.url, bob.accessToken);
    await bobLaptop.timeout(5_000).emitWithAck('message:read', { chatId, seq: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const phoneAgain = await sockets.connect(other.url, bob.accessToken);
    const replay = await phoneAgain.timeout(5_000).emitWithAck('sync', { cursor: seen });
    expect(replay.ok).toBe(true);
    expect(replay.events.map((entry: { event: string }) => entry.event)).toEqual([
      'message:new',
      'message:edited',
      'reaction:updated',
      'message:deleted',
      // Bob's read (which implies delivery) settles his unread count on every device; his delivery is Alice's news.
      'message:read',
    ]);
    expect(replay.events[0].payload.message.content).toBe('while you were away');
    expect(replay.hasMore).toBe(false);

    const fromStart = await phoneAgain.timeout(5_000).emitWithAck('sync', { cursor: before });
    expect(fromStart.events).toHaveLength(6);
    const nothingNew = await phoneAgain.timeout(5_000).emitWithAck('sync', { cursor: replay.cursor });
    expect(nothingNew).toEqual({ ok: true, events: [], cursor: replay.cursor, hasMore: false });
  });

  it('answers a cursor it cannot honour with CURSOR_EXPIRED', async () => {
    const alice = await registerUser(server);
    const socket = await sockets.connect(server.url, alice.accessToken);
    expect(await socket.timeout(5_000).emitWithAck('sync', { cursor: 'other-epoch.12' })).toMatchObject({
      ok: false,
      error: { code: 'CURSOR_EXPIRED' },
    });
    expect((await socket.timeout(5_000).emitWithAck('sync', { cursor: 42 })).ok).toBe(false);
  });

  it('keeps each sync reply near 1 MiB however large the missed events, and pages the rest with hasMore', async () => {
    const { alice, bob, chatId } = await chattingPair(server);
    const socket = await sockets.connect(server.url, bob.accessToken);
    const { cursor: start } = await socket.timeout(5_000).emitWithAck('sync', { cursor: null });
    // ~2.4 MB of messages of the largest size allowed, missed in one go.
    const content = 'x'.repeat(10_000);
    for (let i = 0; i < 240; i++) {
      await request(server.url)
        .post(`/api/chats/${chatId}/messages`)
        .set(alice.auth)
        .send({ clientMsgId: `big-${i}`, content });
    }

    const replySizes: number[] = [];
    let received = 0;
    let cursor = start;
    for (let pages = 0; pages < 20; pages++) {
      const reply = await socket.timeout(10_000).emitWithAck('sync', { cursor });
      replySizes.push(Buffer.byteLength(JSON.stringify(reply)));
      received += reply.events.length;
      cursor = reply.cursor;
      if (!reply.hasMore) break;
    }
    expect(received).toBe(240);
    expect(replySizes.length).toBeGreaterThanOrEqual(3);
    for (const size of replySizes) expect(size).toBeLessThan(1.1 * 1024 * 1024);
  });
});
