import { Prisma, type PrismaClient } from '../../db/prisma';

/** Unread mentions by chat id, then by user id. */
export type MentionCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * How many messages mention each participant past their read watermark (deleted messages and the participant's own
 * never do: see INSERT_MENTIONS and MessagesRepository.softDelete), in the given chats, or in every chat of one user.
 * One index range of message_mentions per participant row.
 */
export async function unreadMentionCounts(
  db: PrismaClient,
  scope: { chatIds: readonly string[] } | { userId: string },
): Promise<MentionCounts> {
  if ('chatIds' in scope && scope.chatIds.length === 0) return new Map();
  const participants =
    'userId' in scope
      ? Prisma.sql`p.user_id = ${scope.userId}::uuid`
      : Prisma.sql`p.chat_id = ANY(${scope.chatIds}::uuid[])`;
  const rows = await db.$queryRaw<{ chatId: string; userId: string; count: number }[]>`
    SELECT p.chat_id::text AS "chatId", p.user_id::text AS "userId", count(*)::int AS count
    FROM chat_participants p
    JOIN message_mentions mm ON mm.user_id = p.user_id AND mm.chat_id = p.chat_id AND mm.seq > p.last_read_seq
    WHERE ${participants}
    GROUP BY p.chat_id, p.user_id`;
  const counts = new Map<string, Map<string, number>>();
  for (const { chatId, userId, count } of rows) {
    const chat = counts.get(chatId) ?? new Map<string, number>();
    chat.set(userId, count);
    counts.set(chatId, chat);
  }
  return counts;
}
