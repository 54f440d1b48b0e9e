/**
 * User-search benchmark: 100,000 users in a fresh database, then the repository's search as the API runs it.
 * Target (issue #3): p95 under 20 ms. Run from backend/: `npm run bench:search` (BENCH_USERS, BENCH_QUERIES,
 * TEST_DATABASE_URL to change the size, the number of timed queries and the PostgreSQL server).
 */
import { cpus } from 'node:os';
import { build } from 'hdr-histogram-js';
import { runBenchmark, timed } from './measure';
import { createTestDatabase } from '../../backend/tests/helpers/test-database';
import { createPrisma } from '../../backend/src/db/prisma';
import { UsersRepository } from '../../backend/src/modules/users/users.repository';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);

const FIRST = ['anna', 'boris', 'carla', 'dmitri', 'elena', 'farid', 'greta', 'hugo', 'ines', 'jonas', 'kira', 'liam'];
const LAST = ['novak', 'smith', 'garcia', 'ivanova', 'kowalski', 'tanaka', 'muller', 'rossi', 'dubois', 'silva'];

/** What people type: a first letter, two letters, a name prefix, a whole username, a surname, a typo. */
function queryFor(i: number): { kind: string; q: string } {
  const first = FIRST[i % FIRST.length] ?? 'anna';
  const last = LAST[i % LAST.length] ?? 'smith';
  const someone = (i * 7919) % USERS; // an existing user, named as the seeding SQL below names them
  const username = `${FIRST[someone % FIRST.length]}.${LAST[Math.floor(someone / FIRST.length) % LAST.length]}${someone}`;
  const kinds = [
    { kind: '1 char', q: first.slice(0, 1) },
    { kind: '2 chars', q: first.slice(0, 2) },
    { kind: 'name prefix', q: `${first}.${last.slice(0, 3)}` },
    { kind: 'exact username', q: username },
    { kind: 'nobody', q: `${last}${first}` },
    { kind: 'surname', q: last },
    { kind: 'typo', q: `${first.slice(0, 2)}${first.slice(3)}${first.slice(2, 3)}` },
  ];
  return kinds[i % kinds.length] ?? { kind: 'surname', q: last };
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const prisma = createPrisma(database.url);
  try {
    const started = Date.now();
    await prisma.$executeRawUnsafe(
      `INSERT INTO users (username, username_normalized, display_name, password_hash)
       SELECT u, u, initcap(f) || ' ' || initcap(l), 'not-a-hash'
       FROM (SELECT i, f, l, f || '.' || l || i AS u
             FROM generate_series(0, $1 - 1) AS i,
                  LATERAL (SELECT ($2::text[])[1 + i % $3] AS f, ($4::text[])[1 + (i / $3) % $5] AS l) AS names) AS rows`,
      USERS,
      FIRST,
      FIRST.length,
      LAST,
      LAST.length,
    );
    await prisma.$executeRawUnsafe('ANALYZE users');
    console.log(`seeded ${USERS} users in ${Date.now() - started} ms`);

    const repository = new UsersRepository(prisma);
    const viewer = (await prisma.user.findFirstOrThrow({ select: { id: true } })).id;
    for (let i = 0; i < 100; i++) await repository.search(queryFor(i).q, viewer, 20);

    const overall = build();
    const byKind = new Map<string, ReturnType<typeof build>>();
    for (let i = 0; i < QUERIES; i++) {
      const { kind, q } = queryFor(i);
      if (!byKind.has(kind)) byKind.set(kind, build());
      await timed(() => repository.search(q, viewer, 20), overall, byKind.get(kind) ?? build());
    }

    const ms = (micros: number) => (micros / 1000).toFixed(2);
    const row = (label: string, h: ReturnType<typeof build>) =>
      `${label.padEnd(16)} p50 ${ms(h.getValueAtPercentile(50)).padStart(7)}  p95 ${ms(h.getValueAtPercentile(95)).padStart(7)}` +
      `  p99 ${ms(h.getValueAtPercentile(99)).padStart(7)}  max ${ms(h.maxValue).padStart(7)} ms`;
    console.log(`\n${QUERIES} searches, limit 20, one at a time, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
    for (const [kind, histogram] of byKind) console.log(row(kind, histogram));
    console.log(row('all', overall));
    const p95 = overall.getValueAtPercentile(95) / 1000;
    console.log(`\np95 ${p95.toFixed(2)} ms: ${p95 < 20 ? 'within' : 'OVER'} the 20 ms target`);
  } finally {
    await prisma.$disconnect();
    await database.drop();
  }
}

runBenchmark(main);
