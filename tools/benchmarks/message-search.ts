/**
 * Message search benchmark (issue #7): 1,000,000 messages in 10,000 chats; a user who is in 50 of them searches
 * a common word and a rare word through `SearchRepository.search`, as `GET /api/search` does. Prints p50/p95 and
 * the query plans. Run from backend/: `npm run bench:search-messages` (BENCH_QUERIES; TEST_DATABASE_URL).
 */
import { cpus } from 'node:os';
import { build } from 'hdr-histogram-js';
import { runBenchmark, timed } from './measure';
import { createPrisma } from '../../backend/src/db/prisma';
import { SearchRepository } from '../../backend/src/modules/search/search.repository';
import { createTestDatabase } from '../../backend/tests/helpers/test-database';

const MESSAGES = 1_000_000;
const CHATS = 10_000;
const MEMBER_OF = 50;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const prisma = createPrisma(database.url);
  try {
    const started = Date.now();
    await prisma.$executeRawUnsafe(
      `INSERT INTO users (username, username_normalized, display_name, password_hash)
       VALUES ('searcher', 'searcher', 'Searcher', 'unused'), ('author', 'author', 'Author', 'unused')`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO chats (type, name, last_seq) SELECT 'group', 'Chat ' || i, ${MESSAGES / CHATS} FROM generate_series(1, ${CHATS}) AS i`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO chat_participants (chat_id, user_id)
       SELECT id, (SELECT id FROM users WHERE username = 'searcher') FROM chats ORDER BY random() LIMIT ${MEMBER_OF}`,
    );
    // Every message has a few everyday words; "meeting" is in about 1 in 10, "zebra" in about 1 in 10,000.
    await prisma.$executeRawUnsafe(
      `WITH chat_list AS (SELECT array_agg(id) AS ids FROM chats)
       INSERT INTO messages (chat_id, seq, sender_id, content, created_at)
       SELECT ids[1 + i % ${CHATS}], 1 + i / ${CHATS}, (SELECT id FROM users WHERE username = 'author'),
              (ARRAY['please','review','the','deploy','today','lunch','later','ticket','draft','notes'])[1 + i % 10] || ' ' ||
              (ARRAY['report','budget','release','design','client','server','backup','invoice'])[1 + (i / 7) % 8] || ' ' ||
              CASE WHEN i % 10 = 3 THEN 'meeting ' ELSE '' END ||
              CASE WHEN i % 10000 = 77 THEN 'zebra ' ELSE '' END || 'number ' || i,
              now() - (${MESSAGES} - i) * interval '1 second'
       FROM chat_list, generate_series(0, ${MESSAGES - 1}) AS i`,
    );
    await prisma.$executeRawUnsafe('ANALYZE');
    console.log(`seeded ${MESSAGES} messages in ${CHATS} chats in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const searcher = (await prisma.user.findFirstOrThrow({ where: { username: 'searcher' } })).id;
    const repository = new SearchRepository(prisma);
    const page = { offset: 0, limit: 20 };
    for (const [label, words] of [
      ['common word ("meeting")', 'meeting'],
      ['rare word ("zebra")', 'zebra'],
      ['prefix as typed ("meet")', null],
    ] as const) {
      const terms = words ? { websearch: words, prefix: null } : { websearch: '', prefix: 'meet:*' };
      const filter = { terms, chatId: undefined, mentionsOfUser: false };
      for (let i = 0; i < 20; i++) await repository.search(searcher, filter, page);
      const histogram = build();
      for (let i = 0; i < QUERIES; i++) {
        await timed(() => repository.search(searcher, filter, page), histogram);
      }
      const ms = (micros: number) => (micros / 1000).toFixed(2);
      console.log(
        `${label.padEnd(26)} p50 ${ms(histogram.getValueAtPercentile(50))} ms  p95 ${ms(histogram.getValueAtPercentile(95))} ms`,
      );
    }
    const plan = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
       SELECT m.id FROM (SELECT websearch_to_tsquery('messenger', 'meeting') AS query) q
       JOIN messages m ON m.search_vector @@ q.query
       JOIN chat_participants p ON p.chat_id = m.chat_id AND p.user_id = '${searcher}'::uuid
       WHERE m.deleted_at IS NULL AND m.type <> 'system'
       ORDER BY ts_rank_cd(m.search_vector, q.query) DESC, m.created_at DESC, m.id LIMIT 21`,
    );
    console.log(`\nplan for the common word (${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}):`);
    for (const row of plan) console.log(`  ${row['QUERY PLAN']}`);
  } finally {
    await prisma.$disconnect();
    await database.drop();
  }
}

runBenchmark(main);
