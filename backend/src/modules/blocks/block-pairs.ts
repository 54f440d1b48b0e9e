import type { Prisma, PrismaClient } from '../../db/prisma';
import type { BlockDirection } from './block-refusal';

type Transaction = Prisma.TransactionClient;

/**
 * Repository helpers that other modules' writes take part in. Everything that must not interleave with a block
 * between two users (blocking, unblocking, a new contact request) takes this lock first, for its transaction: the
 * same pair in either order is the same lock.
 */
export async function lockPair(tx: Transaction, userA: string, userB: string): Promise<void> {
  const key = `user-block:${[userA, userB].sort().join(':')}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** Whether a block stands between the two, seen from `userId`; when both blocked, the one `userId` can undo is named. */
export async function blockBetween(
  db: PrismaClient | Transaction,
  userId: string,
  otherId: string,
): Promise<BlockDirection | null> {
  const rows = await db.userBlock.findMany({
    where: {
      OR: [
        { blockerId: userId, blockedId: otherId },
        { blockerId: otherId, blockedId: userId },
      ],
    },
    select: { blockerId: true },
  });
  if (rows.length === 0) return null;
  return rows.some((row) => row.blockerId === userId) ? 'you-blocked-them' : 'they-blocked-you';
}
