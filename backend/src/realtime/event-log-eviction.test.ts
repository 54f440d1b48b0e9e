import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { freePort } from '../../tests/helpers/ports';
import { RedisEventLog } from './redis-event-log';

/**
 * The replay log in a Redis that is full, configured as the shipped ones are (maxmemory, volatile-lru) but small:
 * whatever Redis evicts, a replay is either exactly what the user was sent or "expired", never a silent gap.
 */

let server: ChildProcess;
let redis: Redis;

beforeAll(async () => {
  const port = await freePort();
  server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'].concat([
      '--maxmemory',
      '8mb',
      '--maxmemory-policy',
      'volatile-lru',
    ]),
    { stdio: 'ignore' },
  );
  redis = new Redis({ port, host: '127.0.0.1', retryStrategy: (attempt) => (attempt < 50 ? 100 : null) });
  await redis.ping();
});

afterAll(async () => {
  redis.disconnect();
  server.kill('SIGKILL');
});

it('replays exactly what each user was sent, or says "expired", while Redis evicts under memory pressure', async () => {
  const log = new RedisEventLog(redis);
  const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
  const starts = new Map<string, string>();
  for (const user of users) starts.set(user, await log.current(user));
  const sent = new Map<string, number[]>(users.map((user) => [user, []]));

  // ~12 MB of payloads (3,000 events of 4 KB, each to 3 users) into 8 MB.
  const filler = randomBytes(2_000).toString('hex');
  for (let n = 0; n < 3_000; n++) {
    const recipients = [users[n % 40], users[(n * 7 + 1) % 40], users[(n * 13 + 2) % 40]] as string[];
    const unique = [...new Set(recipients)];
    await log.append(unique, 'message:new', { n, filler });
    for (const user of unique) sent.get(user)?.push(n);
  }
  const evicted = Number(/evicted_keys:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0);
  expect(evicted).toBeGreaterThan(0);

  let expiredUsers = 0;
  for (const user of users) {
    const replayed: number[] = [];
    let cursor = starts.get(user) ?? '';
    let expired = false;
    for (;;) {
      const page = await log.since(user, cursor, { maxEvents: 500, maxBytes: 1024 * 1024 });
      if (page === 'expired') {
        expired = true;
        break;
      }
      replayed.push(...page.events.map((entry) => (entry.payload as { n: number }).n));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    if (expired) expiredUsers++;
    else expect({ user, replayed }).toEqual({ user, replayed: sent.get(user) });
  }
  expect(expiredUsers).toBeGreaterThan(0);
}, 60_000);
