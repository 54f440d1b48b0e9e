import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import request from 'supertest';
import { startBackendProcess } from './helpers/backend-process';
import { ChaosClient } from './helpers/chaos-client';
import { TestNginx } from './helpers/nginx';
import { freePort } from './helpers/ports';
import {
  ONE_REDIS,
  REDIS_CLUSTER,
  REDIS_CLUSTER_WITH_REPLICAS,
  type SharedRedis,
  type SharedRedisKind,
} from './helpers/shared-redis';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

/**
 * Two real backend processes behind nginx, 50 clients in one group sending steadily; mid-traffic one part dies
 * with SIGKILL: a backend instance (on one Redis, and on a Redis Cluster), or one master of a Redis Cluster with
 * replicas. Clients reconnect through nginx to the survivor, resend what was never acknowledged (same
 * clientMsgId), and catch up with `sync` (or by seq when their cursor expired). Afterwards every message sent
 * exists exactly once, in gapless seq order, and every client holds all of them.
 */
const CLIENTS = 50;

type Fault = 'an instance' | 'a Redis master';
const SCENARIOS: [SharedRedisKind, Fault][] = [
  [ONE_REDIS, 'an instance'],
  [REDIS_CLUSTER, 'an instance'],
  [REDIS_CLUSTER_WITH_REPLICAS, 'a Redis master'],
];

describe.each(SCENARIOS.map(([[name, start], fault]) => [name, fault, start] as const))(
  'on %s, killing %s',
  (_, fault, startRedis) => {
    let redis: SharedRedis;
    let database: TestDatabase;
    let nginx: TestNginx;
    const backends = new Map<string, ChildProcess>();
    const clients: ChaosClient[] = [];

    async function startBackend(name: string, port: number): Promise<void> {
      const child = await startBackendProcess(port, {
        DATABASE_URL: database.url,
        ...redis.env,
        INSTANCE_NAME: name,
        BCRYPT_ROUNDS: '4',
        RATE_LIMIT_ENABLED: 'false',
        LOG_LEVEL: 'error',
      });
      backends.set(name, child);
    }

    beforeAll(async () => {
      redis = await startRedis();
      database = await createTestDatabase();
      const ports = { one: await freePort(), two: await freePort() };
      await Promise.all([startBackend('one', ports.one), startBackend('two', ports.two)]);
      nginx = await TestNginx.start([ports.one, ports.two]);
    }, 60_000);

    afterAll(async () => {
      for (const client of clients) client.socket.disconnect();
      nginx?.stop();
      for (const child of backends.values()) child.kill('SIGKILL');
      await database?.drop();
      await redis?.stop();
    });

    /** The fault, mid-traffic; resolves once what stands in for the dead part has taken over. */
    async function injectFault(): Promise<{ recovered: Promise<number> }> {
      const began = Date.now();
      if (fault === 'an instance') {
        backends.get(await nginx.instanceFor('127.0.0.2'))?.kill('SIGKILL');
        return { recovered: Promise.resolve(0) };
      }
      // The master of the adapter's main channel: presence and transient batches go through it too.
      const cluster = redis.cluster;
      if (!cluster) throw new Error('a Redis master can only be killed in a cluster');
      cluster.kill(await cluster.masterOf('socket.io#/#'));
      return { recovered: cluster.waitUntilHealthy(3, 30_000).then(() => Date.now() - began) };
    }

    it('loses nothing and duplicates nothing', async () => {
      const api = () => request(nginx.url);
      const register = async (username: string) =>
        (await api().post('/api/auth/register').send({ username, password: 'long enough password' }).expect(201))
          .body as { user: { id: string }; accessToken: string };
      const users = [];
      for (let i = 0; i < CLIENTS; i++) users.push(await register(`chaos_${i}`));
      const [owner, ...members] = users as [(typeof users)[0], ...(typeof users)[0][]];
      const db = new Client({ connectionString: database.url });
      await db.connect();
      await db.query(`INSERT INTO contacts (user_id, contact_id) SELECT $1::uuid, unnest($2::uuid[])`, [
        owner.user.id,
        members.map((member) => member.user.id),
      ]);
      const group = await api()
        .post('/api/chats/group')
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ name: 'Chaos', memberIds: members.map((member) => member.user.id) })
        .expect(201);
      const chatId = group.body.chat.id as string;

      users.forEach((user, i) =>
        clients.push(new ChaosClient(nginx, `c${i}`, user.accessToken, `127.0.0.${i + 2}`, chatId)),
      );
      await Promise.all(clients.map((client) => client.ready()));
      const onVictim = await nginx.instanceFor('127.0.0.2');

      // Steady traffic: every client sends every 250 ms; the fault comes after one second.
      let recovered: Promise<number> = Promise.resolve(0);
      for (let tick = 0; tick < 12; tick++) {
        for (const client of clients) client.send();
        if (tick === 4) ({ recovered } = await injectFault());
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const takeoverMs = await recovered;
      for (let round = 0; round < 40 && clients.some((client) => client.pending > 0); round++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await Promise.all(clients.map((client) => client.flush()));
      }
      expect(clients.reduce((sum, client) => sum + client.pending, 0)).toBe(0);
      if (fault === 'an instance') {
        expect(backends.get(onVictim)?.signalCode).toBe('SIGKILL');
        expect(clients.filter((client) => client.reconnects > 0).length).toBeGreaterThan(0);
        expect(await nginx.instanceFor('127.0.0.2')).not.toBe(onVictim);
      }

      const { rows } = await db.query<{ seq: number; client_msg_id: string | null }>(
        `SELECT seq, client_msg_id FROM messages WHERE chat_id = $1 ORDER BY seq`,
        [chatId],
      );
      const userMessages = rows.filter((row) => row.client_msg_id !== null);
      const everythingSent = clients.flatMap((client) => client.sent).sort();
      expect(userMessages.map((row) => row.client_msg_id).sort()).toEqual(everythingSent);
      expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
      expect(userMessages).toHaveLength(CLIENTS * 12);

      // Live fan-out works again once the fault is over: one more message reaches every device as a push.
      const [first] = clients as [ChaosClient];
      first.send();
      await Promise.all(clients.map((client) => client.flush()));
      const lastSeq = rows.length + 1;
      for (let wait = 0; wait < 50 && clients.some((client) => !client.pushed.has(lastSeq)); wait++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(clients.filter((client) => !client.pushed.has(lastSeq)).map((client) => client.name)).toEqual([]);

      // Every device converges to exactly the server's history: pushes, then sync, then gaps by seq.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await Promise.all(clients.map((client) => client.catchUp()));
      await Promise.all(clients.map((client) => client.fillGaps()));
      const all = await db.query<{ seq: number; client_msg_id: string | null }>(
        `SELECT seq, client_msg_id FROM messages WHERE chat_id = $1 ORDER BY seq`,
        [chatId],
      );
      await db.end();
      const expected = new Map(all.rows.map((row) => [row.seq, row.client_msg_id ?? '']));
      for (const client of clients) {
        const missing = [...expected.keys()].filter((seq) => client.received.get(seq) !== expected.get(seq));
        expect({ client: client.name, missing }).toEqual({ client: client.name, missing: [] });
      }
      const sum = (count: (client: ChaosClient) => number) =>
        clients.reduce((total, client) => total + count(client), 0);
      console.log(
        `chaos on ${redis.cluster ? 'a Redis Cluster' : 'one Redis'}, ${fault} killed: ` +
          `${clients.filter((client) => client.reconnects > 0).length} of ${CLIENTS} clients reconnected; ` +
          `${userMessages.length} messages, each once; ${sum((client) => client.log.unacknowledged)} sends ` +
          `unacknowledged in time and retried; ${sum((client) => client.log.cursorExpired)} syncs answered ` +
          `CURSOR_EXPIRED (refetched by seq); ${sum((client) => client.log.catchUpFailed)} catch-ups on reconnect ` +
          `failed and were repeated` +
          (fault === 'a Redis master' ? `; a replica took over ${takeoverMs} ms after the kill` : ''),
      );
    }, 120_000);
  },
);
