/**
 * Group-chat benchmark (issue #4): sending into a 300-member group and reading a page of history through the real
 * services and a real PostgreSQL, at 1 and 20 concurrent senders; latency percentiles and database queries per
 * operation. Socket fan-out is left out on purpose (the performance CLI measures it end to end).
 * Run from backend/: `npm run bench:group` (BENCH_MESSAGES, TEST_DATABASE_URL).
 */
import { cpus } from 'node:os';
import { PrismaPg } from '@prisma/adapter-pg';
import { build } from 'hdr-histogram-js';
import pg from 'pg';
import { runBenchmark, timed } from './measure';
import { createTestDatabase } from '../../backend/tests/helpers/test-database';
import { PrismaClient } from '../../backend/src/generated/prisma/client';
import { AfterAnswer } from '../../backend/src/lib/after-answer';
import { BlocksRepository } from '../../backend/src/modules/blocks/blocks.repository';
import { ChatPresenter } from '../../backend/src/modules/chats/chats.presenter';
import { ChatsRepository } from '../../backend/src/modules/chats/chats.repository';
import { ChatsService } from '../../backend/src/modules/chats/chats.service';
import { MessagePresenter } from '../../backend/src/modules/messages/messages.presenter';
import { MessagesRepository } from '../../backend/src/modules/messages/messages.repository';
import { MessagesService } from '../../backend/src/modules/messages/messages.service';
import { UserPresenter } from '../../backend/src/modules/users/users.presenter';
import type { EventPublisher } from '../../backend/src/realtime/events';
import { LocalPresence } from '../../backend/src/realtime/presence';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2_000);
const MEMBERS = 300;
const PAGE_READS = 500;

const ms = (micros: number) => (micros / 1000).toFixed(2).padStart(7);
async function main(): Promise<void> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: 'event', level: 'query' }] });
  let queries = 0;
  prisma.$on('query', () => void queries++);
  // Sends skip Prisma (MessagesRepository.createMany goes to the pool itself): counted here.
  const countingPool = Object.assign(Object.create(pool) as pg.Pool, {
    query: (...args: Parameters<pg.Pool['query']>) => {
      queries++;
      return (pool.query as (...a: unknown[]) => unknown)(...args);
    },
  });

  try {
    await prisma.$executeRawUnsafe(
      `INSERT INTO users (username, username_normalized, display_name, password_hash)
       SELECT 'member' || i, 'member' || i, 'Member ' || i, 'unused' FROM generate_series(1, ${MEMBERS}) AS i`,
    );
    const users = await prisma.user.findMany({ select: { id: true }, orderBy: { username: 'asc' } });
    const group = await prisma.chat.create({
      data: {
        type: 'group',
        name: 'Everyone',
        ownerId: users[0]?.id,
        participants: { create: users.map((user, i) => ({ userId: user.id, role: i === 0 ? 'owner' : 'member' })) },
      },
    });

    const noSockets: EventPublisher = {
      toUsers: () => undefined,
      toEach: () => undefined,
      withoutFeature: async () => new Set(),
      endSession: () => undefined,
    };
    const userPresenter = new UserPresenter(new LocalPresence());
    const messagePresenter = new MessagePresenter();
    const blocks = new BlocksRepository(prisma);
    const chats = new ChatsService(
      new ChatsRepository(prisma),
      new ChatPresenter(userPresenter, messagePresenter),
      noSockets,
      blocks,
      new AfterAnswer(console),
    );
    const noImages = { discard: async () => undefined };
    const messages = new MessagesService(
      new MessagesRepository(prisma, countingPool),
      chats,
      messagePresenter,
      noSockets,
      noImages,
      blocks,
    );

    console.log(
      `${MEMBERS}-member group, ${MESSAGES} messages per run, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    );
    let sequence = 0;
    for (const concurrency of [1, 20]) {
      const histogram = build();
      queries = 0;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          const sender = users[worker]?.id ?? '';
          for (let i = worker; i < MESSAGES; i += concurrency) {
            const n = ++sequence;
            await timed(
              () =>
                messages.send(sender, {
                  chatId: group.id,
                  clientMsgId: `bench-${n}`,
                  content: `message ${n} **bold**`,
                }),
              histogram,
            );
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `send, ${String(concurrency).padStart(2)} concurrent sender(s)      p50 ${ms(histogram.getValueAtPercentile(50))}` +
          `  p99 ${ms(histogram.getValueAtPercentile(99))} ms  ${(MESSAGES / seconds).toFixed(0)} msg/s` +
          `  queries/op ${(queries / MESSAGES).toFixed(1)}`,
      );
    }

    // Pages that carry everything a page can: replies and reactions on every message.
    const recent = await prisma.message.findMany({ where: { chatId: group.id }, orderBy: { seq: 'desc' }, take: 50 });
    await prisma.messageReaction.createMany({
      data: recent.flatMap((message) =>
        users.slice(0, 3).map((user) => ({ messageId: message.id, userId: user.id, emoji: '👍' })),
      ),
    });
    for (const message of recent.slice(0, 25)) {
      await prisma.message.update({ where: { id: message.id }, data: { replyToId: recent[49]?.id } });
    }
    const reader = users[MEMBERS - 1]?.id ?? '';
    for (const concurrency of [1, 20]) {
      const histogram = build();
      queries = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          for (let i = worker; i < PAGE_READS; i += concurrency) {
            await timed(() => messages.list(reader, group.id, { limit: 50 }), histogram);
          }
        }),
      );
      console.log(
        `read 50 (replies, reactions), ${String(concurrency).padStart(2)} concurrent p50 ${ms(histogram.getValueAtPercentile(50))}` +
          `  p99 ${ms(histogram.getValueAtPercentile(99))} ms  queries/op ${(queries / PAGE_READS).toFixed(1)}`,
      );
    }
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  }
}

runBenchmark(main);
