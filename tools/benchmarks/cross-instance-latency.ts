/**
 * Cross-instance delivery latency (issue #5): two backend processes sharing PostgreSQL and Redis, CLIENTS sockets
 * split between them, pairs of users in direct chats with one partner on each instance. Every message is sent on
 * one instance and timed until its `message:new` arrives on the partner's socket on the other.
 * Run from backend/: `npm run bench:cross-instance` (BENCH_CLIENTS, BENCH_RATE msg/s, BENCH_SECONDS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { build } from 'hdr-histogram-js';
import { runBenchmark } from './measure';
import { createTestDatabase } from '../../backend/tests/helpers/test-database';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SECRET = randomBytes(24).toString('hex');
const PORTS = [39_101, 39_102];

function startBackend(port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=@messenger/source', '--import', 'tsx', 'src/main.ts'], {
    cwd: join(__dirname, '..', '..', 'backend'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      JWT_SECRET: SECRET,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'error',
      FRONTEND_DIST: '',
      NODE_ENV: 'production',
      JWT_REFRESH_SECRET: randomBytes(24).toString('hex'),
    },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`backend on ${port} exited`));
      const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) resolve(child);
      else setTimeout(() => void poll(), 200);
    };
    void poll();
  });
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const backends: ChildProcess[] = [];
  const sockets: Socket[] = [];
  try {
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const { rows: users } = await db.query<{ id: string }>(
      `INSERT INTO users (username, username_normalized, display_name, password_hash)
       SELECT 'bench' || i, 'bench' || i, 'Bench ' || i, 'unused' FROM generate_series(1, $1) AS i RETURNING id`,
      [CLIENTS],
    );
    const pairs = CLIENTS / 2;
    const chatIds: string[] = [];
    for (let i = 0; i < pairs; i++) {
      const [a, b] = [users[i]?.id ?? '', users[i + pairs]?.id ?? ''];
      const { rows } = await db.query<{ id: string }>(
        `WITH chat AS (INSERT INTO chats (type, direct_key) VALUES ('direct', $3) RETURNING id)
         INSERT INTO chat_participants (chat_id, user_id) SELECT id, unnest(ARRAY[$1, $2]::uuid[]) FROM chat RETURNING chat_id AS id`,
        [a, b, [a, b].sort().join(':')],
      );
      chatIds.push(rows[0]?.id ?? '');
    }
    await db.end();
    backends.push(...(await Promise.all(PORTS.map((port) => startBackend(port, database.url)))));

    const token = (userId: string) =>
      jwt.sign({ sid: randomBytes(8).toString('hex'), typ: 'access' }, SECRET, { subject: userId, expiresIn: 3600 });
    const sentAt = new Map<string, bigint>();
    const latency = build();
    let delivered = 0;
    for (let i = 0; i < CLIENTS; i++) {
      const socket = io(`http://127.0.0.1:${PORTS[i < pairs ? 0 : 1]}`, {
        auth: { token: token(users[i]?.id ?? '') },
        transports: ['websocket'],
        forceNew: true,
      });
      socket.on('message:new', ({ message }: { message: { clientMsgId: string; senderId?: string } }) => {
        const started = sentAt.get(message.clientMsgId);
        if (started === undefined || i < pairs) return;
        latency.recordValue(Number((process.hrtime.bigint() - started) / 1000n));
        delivered++;
      });
      sockets.push(socket);
    }
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.connected) resolve();
            else socket.once('connect', () => resolve());
          }),
      ),
    );
    console.log(`${CLIENTS} sockets connected (${pairs} on each instance)`);

    let sent = 0;
    const interval = 1000 / RATE;
    const started = Date.now();
    while (Date.now() - started < SECONDS * 1000) {
      const pair = sent % pairs;
      const clientMsgId = `m${sent}`;
      sentAt.set(clientMsgId, process.hrtime.bigint());
      sockets[pair]?.emit('message:send', { chatId: chatIds[pair], clientMsgId, content: `hello ${sent}` });
      sent++;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const ms = (micros: number) => (micros / 1000).toFixed(1);
    console.log(
      `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${RATE} msg/s for ${SECONDS} s, sent on instance A, received on B`,
    );
    console.log(
      `delivered ${delivered}/${sent} (${((delivered / sent) * 100).toFixed(2)} %)  p50 ${ms(latency.getValueAtPercentile(50))} ms` +
        `  p99 ${ms(latency.getValueAtPercentile(99))} ms  max ${ms(latency.maxValue)} ms`,
    );
  } finally {
    for (const socket of sockets) socket.disconnect();
    for (const backend of backends) backend.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await database.drop();
  }
}

runBenchmark(main);
