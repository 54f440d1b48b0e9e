import type { Prisma, PrismaClient } from '../../db/prisma';
import { blockBetween, lockPair } from '../blocks/block-pairs';
import type { BlockDirection } from '../blocks/block-refusal';
import { publicUserSelect } from '../users/users.presenter';

type Transaction = Prisma.TransactionClient;

const requestSelect = {
  id: true,
  fromUserId: true,
  toUserId: true,
  createdAt: true,
  from: { select: publicUserSelect },
  to: { select: publicUserSelect },
} as const;

type RequestRow = Prisma.ContactRequestGetPayload<{ select: typeof requestSelect }>;

export class ContactsRepository {
  constructor(private readonly db: PrismaClient) {}

  listContacts(userId: string) {
    return this.db.contact.findMany({
      where: { userId },
      select: { createdAt: true, contact: { select: publicUserSelect } },
      orderBy: { contact: { displayName: 'asc' } },
    });
  }

  listRequests(userId: string) {
    return this.db.contactRequest.findMany({
      where: { OR: [{ fromUserId: userId }, { toUserId: userId }] },
      select: requestSelect,
      orderBy: { createdAt: 'desc' },
    });
  }

  findRequest(id: string) {
    return this.db.contactRequest.findUnique({ where: { id }, select: requestSelect });
  }

  findRequestBetween(fromUserId: string, toUserId: string) {
    return this.db.contactRequest.findUnique({
      where: { fromUserId_toUserId: { fromUserId, toUserId } },
      select: requestSelect,
    });
  }

  /** The account's status, or null when there is no such user. */
  userStatus(id: string) {
    return this.db.user.findUnique({ where: { id }, select: { status: true } }).then((user) => user?.status ?? null);
  }

  areContacts(userId: string, otherId: string) {
    return this.db.contact.count({ where: { userId, contactId: otherId } }).then((count) => count > 0);
  }

  /**
   * A new pending request, unless a block stands between the two (then its direction). Checked under the pair's
   * lock, which a block takes too: a request cannot slip in while a block is being made.
   */
  createRequest(fromUserId: string, toUserId: string): Promise<{ blocked: BlockDirection } | { request: RequestRow }> {
    return this.db.$transaction(async (tx) => {
      await lockPair(tx, fromUserId, toUserId);
      const blocked = await blockBetween(tx, fromUserId, toUserId);
      if (blocked) return { blocked };
      return { request: await tx.contactRequest.create({ data: { fromUserId, toUserId }, select: requestSelect }) };
    });
  }

  /** Turns a pending request into a contact pair, atomically. Returns null if the request was already gone. */
  accept(request: { id: string; fromUserId: string; toUserId: string }): Promise<Date | null> {
    const { fromUserId, toUserId } = request;
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.contactRequest.deleteMany({ where: { id: request.id } });
      if (count === 0) return null;
      const since = await createContactPair(tx, fromUserId, toUserId);
      await tx.contactRequest.deleteMany({ where: { fromUserId: toUserId, toUserId: fromUserId } });
      return since;
    });
  }

  async deleteRequest(id: string): Promise<void> {
    await this.db.contactRequest.deleteMany({ where: { id } });
  }

  async removeContact(userId: string, otherId: string): Promise<void> {
    await deleteContactPair(this.db, userId, otherId);
  }
}

/** Makes the two users contacts: a row for each side, created now (kept as it was if already there). */
export async function createContactPair(tx: Transaction, userA: string, userB: string): Promise<Date> {
  const since = new Date();
  await tx.contact.createMany({
    data: [
      { userId: userA, contactId: userB, createdAt: since },
      { userId: userB, contactId: userA, createdAt: since },
    ],
    skipDuplicates: true,
  });
  return since;
}

/** Removes both rows of the pair; true if they were contacts. */
export async function deleteContactPair(
  db: PrismaClient | Transaction,
  userA: string,
  userB: string,
): Promise<boolean> {
  const { count } = await db.contact.deleteMany({
    where: {
      OR: [
        { userId: userA, contactId: userB },
        { userId: userB, contactId: userA },
      ],
    },
  });
  return count > 0;
}

/** Removes the pending requests between the two, in either direction; answers their ids. */
export async function deleteRequestsBetween(tx: Transaction, userA: string, userB: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    DELETE FROM contact_requests
    WHERE (from_user_id = ${userA}::uuid AND to_user_id = ${userB}::uuid)
       OR (from_user_id = ${userB}::uuid AND to_user_id = ${userA}::uuid)
    RETURNING id::text AS id`;
  return rows.map((row) => row.id);
}
