import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { startBackendProcess } from './helpers/backend-process';
import { TestNginx } from './helpers/nginx';
import { freePort } from './helpers/ports';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

/**
 * Two real backend processes behind nginx, 50 clients in one group sending steadily; one instance is killed with
 * SIGKILL mid-traffic. Clients reconnect through nginx to the survivor, resend what was never acknowledged (same
 * clientMsgId), and catch up with `sync`. Afterwards every message sent exists exactly once, in gapless seq order,
 * and every client holds all of them.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLIENTS = 50;

let database: TestDatabase;
let nginx: TestNginx;
const backends = new Map<string, ChildProcess>();
const clients: ChaosClient[] = [];

async function startBackend(name: string, port: number): Promise<void> {
  const child = await startBackendProcess(port, {
    DATABASE_URL: database.url,
    REDIS_URL,
    INSTANCE_NAME: name,
    BCRYPT_ROUNDS: '4',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'error',
  });
  backends.set(name, child);
}

/** A device as the web app behaves: acknowledged sends, an outbox of unacknowledged ones, sync on reconnect. */
class ChaosClient {
  readonly received = new Map<number, string>();
  readonly sent: string[] = [];
  private readonly outbox = new Map<string, string>();
  private cursor: string | null = null;
  private counter = 0;
  reconnects = 0;
  readonly socket: Socket;

  constructor(
    readonly name: string,
    private readonly token: string,
    localAddress: string,
    private readonly chatId: string,
  ) {
    this.socket = nginx.socket(token, localAddress, { reconnectionDelay: 100, reconnectionDelayMax: 500 });
    this.socket.on(
      'message:new',
      ({ message, cursor }: { message: { seq: number; clientMsgId: string | null }; cursor?: string }) => {
        this.received.set(message.seq, message.clientMsgId ?? '');
        if (cursor) this.cursor = cursor;
      },
    );
    this.socket.on('connect', () => void this.catchUp());
    this.socket.io.on('reconnect', () => this.reconnects++);
  }

  ready(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.cursor ? resolve() : setTimeout(check, 20));
      check();
    });
  }

  send(): void {
    const clientMsgId = `${this.name}-${++this.counter}`;
    this.sent.push(clientMsgId);
    this.outbox.set(clientMsgId, `message ${clientMsgId}`);
    void this.deliver(clientMsgId);
  }

  get pending(): number {
    return this.outbox.size;
  }

  private async deliver(clientMsgId: string): Promise<void> {
    const content = this.outbox.get(clientMsgId);
    if (!content || !this.socket.connected) return;
    const ack = await this.socket
      .timeout(3_000)
      .emitWithAck('message:send', { chatId: this.chatId, clientMsgId, content })
      .catch(() => ({ ok: false }));
    if (ack.ok) {
      this.outbox.delete(clientMsgId);
      this.received.set(ack.message.seq, clientMsgId);
    }
  }

  /** Events the server recorded but this device never got pushed (its socket may have been on the dead one). */
  async catchUp(): Promise<void> {
    for (let more = true; more;) {
      const answer = await this.socket
        .timeout(5_000)
        .emitWithAck('sync', { cursor: this.cursor })
        .catch(() => null);
      if (!answer?.ok) return;
      for (const { event, payload } of answer.events as {
        event: string;
        payload: { message: { seq: number; clientMsgId: string } };
      }[]) {
        if (event === 'message:new') this.received.set(payload.message.seq, payload.message.clientMsgId ?? '');
      }
      this.cursor = answer.cursor;
      more = answer.hasMore;
    }
    for (const clientMsgId of [...this.outbox.keys()]) await this.deliver(clientMsgId);
  }

  /**
   * Gap detection by seq: a hole below the highest seq this device knows is fetched from PostgreSQL, the truth
   * (a message committed by an instance that died before recording its event exists only there).
   */
  async fillGaps(): Promise<void> {
    const highest = Math.max(0, ...this.received.keys());
    for (let seq = 1; seq <= highest; seq++) {
      if (this.received.has(seq)) continue;
      const page = await request(nginx.url)
        .get(`/api/chats/${this.chatId}/messages?after=${seq - 1}&limit=50`)
        .set('Authorization', `Bearer ${this.token}`);
      for (const message of page.body.messages as { seq: number; clientMsgId: string | null }[]) {
        this.received.set(message.seq, message.clientMsgId ?? '');
      }
    }
  }

  /** Retries whatever is still unacknowledged (the web app's outbox does this on a timer too). */
  async flush(): Promise<void> {
    for (const clientMsgId of [...this.outbox.keys()]) await this.deliver(clientMsgId);
  }
}

beforeAll(async () => {
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
});

it('loses nothing and duplicates nothing when an instance is killed mid-traffic', async () => {
  const api = () => request(nginx.url);
  const register = async (username: string) =>
    (await api().post('/api/auth/register').send({ username, password: 'long enough password' }).expect(201)).body as {
      user: { id: string };
      accessToken: string;
    };
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

  users.forEach((user, i) => clients.push(new ChaosClient(`c${i}`, user.accessToken, `127.0.0.${i + 2}`, chatId)));
  await Promise.all(clients.map((client) => client.ready()));
  const onVictim = await nginx.instanceFor('127.0.0.2');

  // Steady traffic: every client sends every 250 ms; the instance serving client 0 dies after one second.
  for (let tick = 0; tick < 12; tick++) {
    for (const client of clients) client.send();
    if (tick === 4) backends.get(onVictim)?.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (let round = 0; round < 40 && clients.some((client) => client.pending > 0); round++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    await Promise.all(clients.map((client) => client.flush()));
  }
  expect(clients.reduce((sum, client) => sum + client.pending, 0)).toBe(0);
  expect(backends.get(onVictim)?.signalCode).toBe('SIGKILL');
  const moved = clients.filter((client) => client.reconnects > 0).length;
  expect(moved).toBeGreaterThan(0);
  expect(await nginx.instanceFor('127.0.0.2')).not.toBe(onVictim);

  const { rows } = await db.query<{ seq: number; client_msg_id: string | null }>(
    `SELECT seq, client_msg_id FROM messages WHERE chat_id = $1 ORDER BY seq`,
    [chatId],
  );
  await db.end();
  const userMessages = rows.filter((row) => row.client_msg_id !== null);
  const everythingSent = clients.flatMap((client) => client.sent).sort();
  expect(userMessages.map((row) => row.client_msg_id).sort()).toEqual(everythingSent);
  expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
  expect(userMessages).toHaveLength(CLIENTS * 12);
  console.log(
    `chaos: ${moved} of ${CLIENTS} clients moved to the survivor; ${userMessages.length} messages, each once`,
  );

  // Every device converges to exactly the server's history: pushes, then sync, then gaps by seq.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await Promise.all(clients.map((client) => client.catchUp()));
  await Promise.all(clients.map((client) => client.fillGaps()));
  const expected = new Map(rows.map((row) => [row.seq, row.client_msg_id ?? '']));
  for (const client of clients) {
    const missing = [...expected.keys()].filter((seq) => client.received.get(seq) !== expected.get(seq));
    expect({ client: client.name, missing }).toEqual({ client: client.name, missing: [] });
  }
}, 90_000);
