import type { PrismaClient } from '../../db/prisma';
import { publicUserSelect } from '../users/users.presenter';

const requestSelect = {
  id: true,
  fromUserId: true,
  toUserId: true,
  createdAt: true,
  from: { select: publicUserSelect },
  to: { select: publicUserSelect },
} as const;

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

  createRequest(fromUserId: string, toUserId: string) {
    return this.db.contactRequest.create({ data: { fromUserId, toUserId }, select: requestSelect });
  }

  /** Turns a pending request into a contact pair, atomically. Returns null if the request was already gone. */
  accept(request: { id: string; fromUserId: string; toUserId: string }): Promise<Date | null> {
    const { fromUserId, toUserId } = request;
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.contactRequest.deleteMany({ where: { id: request.id } });
      if (count === 0) return null;
      const since = new Date();
      await tx.contact.createMany({
        data: [
          { userId: fromUserId, contactId: toUserId, createdAt: since },
          { userId: toUserId, contactId: fromUserId, createdAt: since },
        ],
        skipDuplicates: true,
      });
      await tx.contactRequest.deleteMany({ where: { fromUserId: toUserId, toUserId: fromUserId } });
      return since;
    });
  }

  async deleteRequest(id: string): Promise<void> {
    await this.db.contactRequest.deleteMany({ where: { id } });
  }

  async removeContact(userId: string, otherId: string): Promise<void> {
    await this.db.contact.deleteMany({
      where: {
        OR: [
          { userId, contactId: otherId },
          { userId: otherId, contactId: userId },
        ],
      },
    });
  }
}
