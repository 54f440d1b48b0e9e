/**
 * Joining a full group (issue #23): an open group of BENCH_MEMBERS - 1 members (299), every member connected with a
 * socket that declares BENCH_FEATURES in the handshake, and one more user who joins (POST /api/chats/:id/join) and
 * leaves (DELETE /api/chats/:id/participants/:self) BENCH_JOINS times. For each join and each leave: the HTTP
 * answer's wall time, the backend's CPU time (its `process_cpu_seconds_total`, read before the request and after
 * every member's socket heard of the change) and the time until the last member heard of it (`chat:updated` or
 * `chat:members`, whichever its socket takes).
 *
 * Run from backend/: `npm run bench:group-join` (BENCH_MEMBERS 300, BENCH_JOINS 20, BENCH_FEATURES
 * "presence-batch,membership-delta"; "" for sockets that declare nothing; BENCH_REDIS_URL, TEST_DATABASE_URL). The
 * backend is `src/main.ts` in a process of its own with NODE_ENV=production on one Redis (the replay log as in
 * production); BENCH_BACKEND_DIR runs another checkout's backend, to compare two versions.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { benchmarkBackendEnv, runBenchmark } from './measure';
import { insertGroup, insertUsers } from './seed';
import { startBackendProcess, stopBackendProcess } from '../../backend/tests/helpers/backend-process';
import { freePort } from '../../backend/tests/helpers/ports';
import { TEST_SIGNING_SECRETS } from '../../backend/tests/helpers/signing-secrets';
import { createTestDatabase } from '../../backend/tests/helpers/test-database';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const JOINS = Number(process.env.BENCH_JOINS ?? 20);
const WARM_UP = 3;
const FEATURES = (process.env.BENCH_FEATURES ?? 'presence-batch,membership-delta').split(',').filter(Boolean);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12';
const BACKEND_DIR = process.env.BENCH_BACKEND_DIR || undefined;
/** The events through which a member may hear of someone coming or going. */
const MEMBERSHIP_EVENTS = ['chat:updated', 'chat:members'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The group's owner, its other members and the joiner, written straight into the database. */
async function buildGroup(databaseUrl: string): Promise<{ chatId: string; memberIds: string[]; joinerId: string }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ids = await insertUsers(db, 'join', MEMBERS);
    const memberIds = ids.slice(0, -1);
    const chatId = await insertGroup(db, { name: 'Everyone', memberIds, visibility: 'open' });
    return { chatId, memberIds, joinerId: ids.at(-1) ?? '' };
  } finally {
    await db.end();
  }
}

/** The backend's CPU time so far, in milliseconds (prom-client's default metric, read over HTTP). */
async function backendCpuMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^process_cpu_seconds_total (\S+)$/m.exec(text);
  if (!match) throw new Error('no process_cpu_seconds_total in /metrics');
  return Number(match[1]) * 1000;
}

const token = (userId: string) =>
  jwt.sign({ sid: randomBytes(8).toString('hex'), typ: 'access' }, TEST_SIGNING_SECRETS.JWT_SECRET, {
    subject: userId,
    expiresIn: '2h',
  });

/** Each member's socket, counting how many membership changes it has heard of. */
async function connectMembers(url: string, memberIds: string[]): Promise<{ sockets: Socket[]; heard: number[] }> {
  const heard = memberIds.map(() => 0);
  const sockets = memberIds.map((memberId, index) => {
    const socket = io(url, { auth: { token: token(memberId), features: FEATURES }, transports: ['websocket'] });
    for (const event of MEMBERSHIP_EVENTS) socket.on(event, () => (heard[index] = (heard[index] ?? 0) + 1));
    return socket;
  });
  while (!sockets.every((socket) => socket.connected)) await sleep(100);
  return { sockets, heard };
}

interface Sample {
  answerMs: number;
  cpuMs: number;
  allHeardMs: number;
}

const percentile = (values: number[], p: number) =>
  values.toSorted((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

function summary(name: string, samples: Sample[]): string {
  const column = (pick: (sample: Sample) => number) => {
    const values = samples.map(pick);
    return `p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms, p95 ${percentile(values, 95).toFixed(0).padStart(5)} ms`;
  };
  return (
    `| ${name.padEnd(5)} | ${column((s) => s.answerMs)} | ${column((s) => s.cpuMs)} | ` +
    `${column((s) => s.allHeardMs)} |`
  );
}

async function main(): Promise<void> {
  const load = loadavg().map((value) => value.toFixed(2));
  const database = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = benchmarkBackendEnv(database.url, REDIS_URL);
  let sockets: Socket[] = [];
  const backend = await startBackendProcess(port, env, { readyWithinMs: 120_000, backendDir: BACKEND_DIR });
  try {
    const { chatId, memberIds, joinerId } = await buildGroup(database.url);
    const connected = await connectMembers(url, memberIds);
    sockets = connected.sockets;
    const { heard } = connected;
    const auth = { Authorization: `Bearer ${token(joinerId)}` };
    await sleep(1_000); // connections settled (presence)

    let changes = 0;
    const measure = async (request: () => Promise<Response>): Promise<Sample> => {
      changes++;
      const cpuBefore = await backendCpuMs(url);
      const began = performance.now();
      const response = await request();
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      const answerMs = performance.now() - began;
      while (heard.some((count) => count < changes)) await sleep(2);
      const allHeardMs = performance.now() - began;
      return { answerMs, cpuMs: (await backendCpuMs(url)) - cpuBefore, allHeardMs };
    };
    const joins: Sample[] = [];
    const leaves: Sample[] = [];
    for (let round = 0; round < WARM_UP + JOINS; round++) {
      const join = await measure(() => fetch(`${url}/api/chats/${chatId}/join`, { method: 'POST', headers: auth }));
      const leave = await measure(() =>
        fetch(`${url}/api/chats/${chatId}/participants/${joinerId}`, { method: 'DELETE', headers: auth }),
      );
      if (round >= WARM_UP) {
        joins.push(join);
        leaves.push(leave);
      }
    }

    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    console.log(
      `${memberIds.length} members with a socket each (features: ${FEATURES.join(', ') || 'none'}), ` +
        `${JOINS} joins and leaves; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${load.join(' ')}, ` +
        `commit ${commit}${BACKEND_DIR ? ` (backend: ${BACKEND_DIR})` : ''}`,
    );
    console.log('|       | HTTP answer | backend CPU | last member heard |');
    console.log('| ----- | ----------- | ----------- | ----------------- |');
    console.log(summary('join', joins));
    console.log(summary('leave', leaves));
  } finally {
    for (const socket of sockets) socket.disconnect();
    await stopBackendProcess(backend);
    await database.drop();
  }
}

runBenchmark(main);
