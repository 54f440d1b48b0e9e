/**
 * Rolling restart (issue #21): two backend instances behind the shipped nginx config, BENCH_USERS users connected
 * through it as the web app connects (each from its own loopback address, so nginx's address hash spreads them),
 * BENCH_RATE msg/s into direct chats and groups, and part-way one instance is restarted as an orchestrator does it:
 * SIGTERM, wait for the exit, start it again on the same port. The clients reconnect, send what is pending again
 * with the same clientMsgId and catch up with `sync` (./rolling-restart/client.ts). Counts what was acknowledged
 * but never reached a recipient (live or replayed), what was stored or delivered twice, and delivery latency over
 * the whole run and over the restart window (SIGTERM → 10 s after the instance is ready again). Exits non-zero if
 * anything was lost, stored twice or refused.
 *
 * Run from backend/: `npm run bench:rolling-restart` (BENCH_USERS 200, BENCH_RATE 100, BENCH_SECONDS 60,
 * BENCH_RESTART_AT 20 s into sending, BENCH_GROUP_SIZE 10, BENCH_GROUP_SHARE 0.3, BENCH_DRAIN_SECONDS 60,
 * BENCH_REDIS_URL, TEST_DATABASE_URL, NGINX_PATH). The instances run `src/main.ts` with NODE_ENV=production and
 * inherit this environment, so SHUTDOWN_DRAIN_DELAY_MS and the like apply when set. BENCH_BACKEND_DIR runs the
 * backend of another checkout instead (its own backend/ folder, with node_modules where Node finds them), to compare
 * two versions with the same benchmark.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { benchmarkBackendEnv, runBenchmark } from './measure';
import { insertGroup, insertUsers } from './seed';
import { SimulatedUser } from './rolling-restart/client';
import { Ledger, percentiles, type Percentiles } from './rolling-restart/ledger';
import { startBackendProcess, stopBackendProcess } from '../../backend/tests/helpers/backend-process';
import { TestNginx } from '../../backend/tests/helpers/nginx';
import { freePort } from '../../backend/tests/helpers/ports';
import { TEST_SIGNING_SECRETS } from '../../backend/tests/helpers/signing-secrets';
import { createTestDatabase } from '../../backend/tests/helpers/test-database';

const USERS = Number(process.env.BENCH_USERS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RESTART_AT = Number(process.env.BENCH_RESTART_AT ?? 20);
const GROUP_SIZE = Number(process.env.BENCH_GROUP_SIZE ?? 10);
const GROUP_SHARE = Number(process.env.BENCH_GROUP_SHARE ?? 0.3);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const BACKEND_DIR = process.env.BENCH_BACKEND_DIR || undefined;
/** The restart window goes on this long after the instance is ready again. */
const WINDOW_AFTER_READY_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const line = (p: Percentiles) => `p50 ${ms(p.p50)}  p99 ${ms(p.p99)}  max ${ms(p.max)}  (n ${p.count})`;

interface World {
  userIds: string[];
  /** Per user: the direct chat and its partner, the group and its other members. */
  chats: { direct: { chatId: string; partner: number }; group: { chatId: string; others: number[] } }[];
}

/** Users in pairs (a direct chat each) and in groups of GROUP_SIZE, written straight into the database. */
async function buildWorld(databaseUrl: string): Promise<World> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const userIds = await insertUsers(db, 'roll', USERS);
    const half = USERS / 2;
    const chats: World['chats'] = [];
    for (let i = 0; i < half; i++) {
      const pair = [userIds[i] ?? '', userIds[i + half] ?? ''];
      const { rows: chat } = await db.query<{ id: string }>(
        `WITH chat AS (INSERT INTO chats (type, direct_key) VALUES ('direct', $2) RETURNING id)
         INSERT INTO chat_participants (chat_id, user_id) SELECT id, unnest($1::uuid[]) FROM chat RETURNING chat_id AS id`,
        [pair, [...pair].sort().join(':')],
      );
      const chatId = chat[0]?.id ?? '';
      chats[i] = { direct: { chatId, partner: i + half }, group: { chatId: '', others: [] } };
      chats[i + half] = { direct: { chatId, partner: i }, group: { chatId: '', others: [] } };
    }
    for (let first = 0; first < USERS; first += GROUP_SIZE) {
      const members = Array.from({ length: Math.min(GROUP_SIZE, USERS - first) }, (_, k) => first + k);
      const ids = members.map((member) => userIds[member] ?? '');
      const chatId = await insertGroup(db, { name: `Group ${first / GROUP_SIZE}`, memberIds: ids });
      for (const member of members) {
        const entry = chats[member];
        if (entry) entry.group = { chatId, others: members.filter((other) => other !== member) };
      }
    }
    return { userIds, chats };
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  if (USERS % 2 !== 0) throw new Error('BENCH_USERS must be even (direct chats are pairs)');
  const started = new Date();
  const load = loadavg().map((value) => value.toFixed(2));
  const database = await createTestDatabase();
  const ports = [await freePort(), await freePort()];
  const env = benchmarkBackendEnv(database.url, REDIS_URL);
  const output: string[][] = [[], []];
  const backends: (ChildProcess | undefined)[] = [];
  let nginx: TestNginx | undefined;
  const users: SimulatedUser[] = [];
  try {
    const world = await buildWorld(database.url);
    const start = (index: number) =>
      startBackendProcess(ports[index] ?? 0, env, {
        output: output[index],
        readyWithinMs: 120_000,
        backendDir: BACKEND_DIR,
      });
    backends.push(...(await Promise.all([start(0), start(1)])));
    nginx = await TestNginx.start(ports);
    const ledger = new Ledger();
    for (const [index, userId] of world.userIds.entries()) {
      const token = jwt.sign({ sid: randomBytes(8).toString('hex'), typ: 'access' }, TEST_SIGNING_SECRETS.JWT_SECRET, {
        subject: userId,
        expiresIn: '2h',
      });
      // 127.0.0.1–127.0.0.250: nginx hashes the client's address, as it would 250 machines.
      users.push(new SimulatedUser(index, token, `127.0.0.${1 + (index % 250)}`, nginx, ledger));
    }
    while (!users.every((user) => user.connected)) await sleep(100);
    await sleep(1_000); // the first syncs
    console.log(`${USERS} users connected through nginx to two instances (ports ${ports.join(', ')})`);

    // Open loop: message k is due at t0 + k / RATE whatever happened to the ones before it.
    const t0 = performance.now();
    // This process is every client at once: if its own event loop lags, the latencies above include it.
    const generatorLag = monitorEventLoopDelay({ resolution: 10 });
    generatorLag.enable();
    const restart = { sigtermAt: NaN, exitedAt: NaN, exitCode: null as number | null, readyAt: NaN };
    let lastDue = t0 + SECONDS * 1000;
    const restarting = (async () => {
      await sleep(RESTART_AT * 1000);
      const instance = backends[1];
      if (!instance) throw new Error('no second instance');
      restart.sigtermAt = performance.now();
      restart.exitCode = await stopBackendProcess(instance);
      restart.exitedAt = performance.now();
      backends[1] = await start(1);
      restart.readyAt = performance.now();
      // Keep sending until the window is over, so that it is measured under load however long the restart took.
      lastDue = Math.max(lastDue, restart.readyAt + WINDOW_AFTER_READY_MS + 5_000);
    })();
    let sent = 0;
    const ticking = (async () => {
      while (performance.now() < lastDue || Number.isNaN(restart.readyAt)) {
        for (; t0 + (sent * 1000) / RATE <= performance.now(); sent++) {
          const sender = (sent * 7) % USERS;
          const chats = world.chats[sender];
          if (!chats) continue;
          const toGroup = (sent % 100) / 100 < GROUP_SHARE;
          const { chatId } = toGroup ? chats.group : chats.direct;
          const clientMsgId = `roll-${sent}`;
          ledger.scheduled(
            clientMsgId,
            sender,
            toGroup ? chats.group.others : [chats.direct.partner],
            t0 + (sent * 1000) / RATE,
          );
          users[sender]?.send(chatId, clientMsgId, `message ${sent} from user ${sender}`);
        }
        await sleep(2);
      }
    })();
    await Promise.all([restarting, ticking]);
    const sendingEnded = performance.now();
    const drainDeadline = sendingEnded + DRAIN_SECONDS * 1000;
    while (performance.now() < drainDeadline && !(ledger.settled() && users.every((user) => user.idle)))
      await sleep(200);

    const result = ledger.summary({ from: restart.sigtermAt, to: restart.readyAt + WINDOW_AFTER_READY_MS });
    const times = users.map((user) => user.times);
    const reconnected = times.filter((time) => time.reconnects.length > 0).length;
    const seconds = (at: number) => ((at - t0) / 1000).toFixed(1);
    console.log(
      `\n${started.toISOString()}, load average ${load.join(' ')} at the start; ${USERS} users, ${RATE} msg/s for ` +
        `${((sendingEnded - t0) / 1000).toFixed(0)} s, ${GROUP_SHARE * 100} % to groups of ${GROUP_SIZE}` +
        `${process.env.SHUTDOWN_DRAIN_DELAY_MS ? `, SHUTDOWN_DRAIN_DELAY_MS=${process.env.SHUTDOWN_DRAIN_DELAY_MS}` : ''}`,
    );
    console.log(
      `restart: SIGTERM at ${seconds(restart.sigtermAt)} s, exited after ${ms(restart.exitedAt - restart.sigtermAt)} ` +
        `(code ${restart.exitCode}), ready again ${ms(restart.readyAt - restart.exitedAt)} after that; ` +
        `window ${seconds(restart.sigtermAt)}–${seconds(restart.readyAt + WINDOW_AFTER_READY_MS)} s`,
    );
    console.log(
      `sent ${result.sent}, acknowledged ${result.acked} (${result.ackedOverHttp} over HTTP), refused ` +
        `${result.refusals.length}, unacknowledged ${result.unacknowledged}; ${result.retried} sent more than once, ` +
        `${result.httpRetries} HTTP attempts without an answer`,
    );
    console.log(
      `deliveries expected ${result.expected}, lost ${result.lost} (${result.firstByReplay} arrived first by replay)`,
    );
    // Times from the SIGTERM: what the sender and the recipient of a lost message went through.
    const since = (at: number) => `${((at - restart.sigtermAt) / 1000).toFixed(2)} s`;
    const story = (index: number) =>
      (users[index]?.history ?? [])
        .filter(({ at }) => at >= restart.sigtermAt - 1_000)
        .map(({ at, what }) => `${what} ${since(at)}`)
        .join(', ') || 'stayed connected';
    for (const lost of result.lostExamples) {
      console.log(
        `  lost: ${lost.clientMsgId} from user ${lost.sender} to user ${lost.recipient}, scheduled ` +
          `${since(lost.scheduledAt)}, acknowledged ${since(lost.ackedAt)} over ${lost.ackedVia}, cursor ${lost.cursor}`,
      );
      console.log(`    sender:    ${story(lost.sender)}\n    recipient: ${story(lost.recipient)}`);
    }
    console.log(
      `duplicates: messages stored twice ${result.storedTwice}; live message:new repeated ${result.liveRepeats}; ` +
        `replay repeating a message already had ${result.replayRepeats}`,
    );
    console.log(`delivery, whole run:      ${line(result.delivery)}`);
    console.log(`delivery, restart window: ${line(result.deliveryInWindow)}`);
    console.log(`acknowledgement:          ${line(result.ack)}`);
    console.log(
      `reconnects: ${reconnected} users; connected again ${line(percentiles(times.flatMap((t) => t.reconnects)))}`,
    );
    console.log(`    waiting to retry:     ${line(percentiles(times.flatMap((t) => t.waited)))}`);
    console.log(`    transport open:       ${line(percentiles(times.flatMap((t) => t.opened)))}`);
    console.log(`    admitted (connect):   ${line(percentiles(times.flatMap((t) => t.admitted)))}`);
    console.log(`  caught up (sync done):  ${line(percentiles(times.flatMap((t) => t.caughtUp)))}`);
    console.log(
      `  connect errors ${times.reduce((sum, t) => sum + t.connectErrors, 0)}, syncs failed ` +
        `${times.reduce((sum, t) => sum + t.failedSyncs, 0)}, expired cursors ` +
        `${times.reduce((sum, t) => sum + t.expiredCursors, 0)}`,
    );
    if (result.refusals.length) console.log(`refusals: ${[...new Set(result.refusals)].slice(0, 5).join('; ')}`);
    generatorLag.disable();
    console.log(
      `this generator's event-loop delay: p99 ${ms(generatorLag.percentile(99) / 1e6)}, max ${ms(generatorLag.max / 1e6)}`,
    );
    const met = result.lost === 0 && result.storedTwice === 0 && result.deliveryInWindow.p99 < 1000;
    console.log(`goal (0 lost or duplicated, window p99 < 1 s): ${met ? 'met' : 'not met'}`);
    if (result.lost > 0 || result.storedTwice > 0 || result.refusals.length > 0 || result.unacknowledged > 0)
      process.exitCode = 1;
  } finally {
    for (const user of users) user.close();
    nginx?.stop();
    await Promise.all(backends.map((backend) => backend && stopBackendProcess(backend)));
    for (const [index, lines] of output.entries())
      if (lines.length) console.log(`instance ${index} said:\n  ${lines.slice(-20).join('\n  ')}`);
    await database.drop();
  }
}

runBenchmark(main);
