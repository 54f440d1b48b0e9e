import type { PrismaClient } from '../../db/prisma';
import { createContactPair, deleteContactPair, deleteRequestsBetween } from '../contacts/contacts.repository';
import { publicUserSelect, type UserRecord } from '../users/users.presenter';
import { blockBetween, lockPair } from './block-pairs';
import type { BlockDirection } from './block-refusal';

/** What making a block changed: nothing if it already stood. */
export type BlockOutcome = { created: false } | { created: true; contactRemoved: boolean; removedRequestIds: string[] };

/** What lifting a block changed; `restored`: the two are contacts again, both as they are now. */
export type UnblockOutcome =
  { removed: false } | { removed: true; restored: { since: Date; blocker: UserRecord; blocked: UserRecord } | null };

export class BlocksRepository {
  constructor(private readonly db: PrismaClient) {}

  userExists(id: string): Promise<boolean> {
    return this.db.user.count({ where: { id } }).then((count) => count > 0);
  }

  /**
   * Blocks, under the pair's lock: removes the pending requests between the two and their contact, remembering
   * whether there was one. The requests go first: an accept under way (it deletes its request first) then
   * finishes before this reads the contact rows, so its contact is found and removed too.
   */
  block(blockerId: string, blockedId: string): Promise<BlockOutcome> {
    return this.db.$transaction(async (tx) => {
      await lockPair(tx, blockerId, blockedId);
      const existing = await tx.userBlock.count({ where: { blockerId, blockedId } });
      if (existing > 0) return { created: false };
      const removedRequestIds = await deleteRequestsBetween(tx, blockerId, blockedId);
      const contactRemoved = await deleteContactPair(tx, blockerId, blockedId);
      await tx.userBlock.create({ data: { blockerId, blockedId, hadContact: contactRemoved } });
      return { created: true, contactRemoved, removedRequestIds };
    });
  }

  /**
   * Lifts the block, under the pair's lock. The contact it suspended comes back, unless the other has blocked this
   * user too: then their block keeps the memory of it, and lifting theirs restores it.
   */
  unblock(blockerId: string, blockedId: string): Promise<UnblockOutcome> {
    return this.db.$transaction(async (tx) => {
      await lockPair(tx, blockerId, blockedId);
      const [lifted] = await tx.$queryRaw<{ hadContact: boolean }[]>`
        DELETE FROM user_blocks WHERE blocker_id = ${blockerId}::uuid AND blocked_id = ${blockedId}::uuid
        RETURNING had_contact AS "hadContact"`;
      if (!lifted) return { removed: false };
      if (!lifted.hadContact) return { removed: true, restored: null };
      const reverse = { blockerId: blockedId, blockedId: blockerId };
      const { count: stillBlocked } = await tx.userBlock.updateMany({ where: reverse, data: { hadContact: true } });
      if (stillBlocked > 0) return { removed: true, restored: null };
      const since = await createContactPair(tx, blockerId, blockedId);
      const users = await tx.user.findMany({ where: { id: { in: [blockerId, blockedId] } }, select: publicUserSelect });
      const byId = (id: string) => users.find((user) => user.id === id);
      const [blocker, blocked] = [byId(blockerId), byId(blockedId)];
      return { removed: true, restored: blocker && blocked ? { since, blocker, blocked } : null };
    });
  }

  /** The people this user blocked, most recently blocked first. */
  listBlocked(blockerId: string, limit: number) {
    return this.db.userBlock.findMany({
      where: { blockerId },
      select: { createdAt: true, blocked: { select: publicUserSelect } },
      orderBy: [{ createdAt: 'desc' }, { blockedId: 'asc' }],
      take: limit,
    });
  }

  between(userId: string, otherId: string): Promise<BlockDirection | null> {
    return blockBetween(this.db, userId, otherId);
  }

  async isBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    return (await this.db.userBlock.count({ where: { blockerId, blockedId } })) > 0;
  }

  /**
   * The blocks among these users, in either direction (one query for a whole chat): whose presence and typing
   * each of them must not get from the others.
   */
  pairsAmong(userIds: readonly string[]): Promise<{ blockerId: string; blockedId: string }[]> {
    if (userIds.length < 2) return Promise.resolve([]);
    const ids = [...userIds];
    return this.db.userBlock.findMany({
      where: { blockerId: { in: ids }, blockedId: { in: ids } },
      select: { blockerId: true, blockedId: true },
    });
  }

  /** Everyone this user blocked or was blocked by. */
  async counterparts(userId: string): Promise<Set<string>> {
    const rows = await this.db.userBlock.findMany({
      where: { OR: [{ blockerId: userId }, { blockedId: userId }] },
      select: { blockerId: true, blockedId: true },
    });
    return counterpartsOf(userId, rows);
  }

  /** The other participant of a direct chat this user is in; null for a group or a chat they are not in. */
  async directPartner(userId: string, chatId: string): Promise<string | null> {
    const chat = await this.db.chat.findFirst({
      where: { id: chatId, type: 'direct', participants: { some: { userId } } },
      select: { participants: { where: { userId: { not: userId } }, select: { userId: true } } },
    });
    return chat?.participants[0]?.userId ?? null;
  }
}

/** Of these blocks, the users on the other side of one that involves `userId`. */
export function counterpartsOf(
  userId: string,
  pairs: readonly { blockerId: string; blockedId: string }[],
): Set<string> {
  const others = new Set<string>();
  for (const { blockerId, blockedId } of pairs) {
    if (blockerId === userId) others.add(blockedId);
    else if (blockedId === userId) others.add(blockerId);
  }
  return others;
}
