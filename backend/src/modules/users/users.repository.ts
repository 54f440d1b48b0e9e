import type { PrismaClient } from '../../db/prisma';
import { publicUserSelect } from './users.presenter';

const privateUserSelect = { ...publicUserSelect, createdAt: true } as const;

export class UsersRepository {
  constructor(private readonly db: PrismaClient) {}

  findPrivateById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: privateUserSelect });
  }

  findPublicById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: publicUserSelect });
  }

  /** Username prefix first, then display-name substring matches; case-insensitive. */
  search(term: string, excludeUserId: string, limit: number) {
    return this.db.user.findMany({
      where: {
        id: { not: excludeUserId },
        OR: [
          { usernameNormalized: { startsWith: term.toLowerCase() } },
          { displayName: { contains: term, mode: 'insensitive' } },
        ],
      },
      orderBy: [{ usernameNormalized: 'asc' }],
      take: limit,
      select: publicUserSelect,
    });
  }

  async isContact(userId: string, otherId: string): Promise<boolean> {
    const row = await this.db.contact.findUnique({
      where: { userId_contactId: { userId, contactId: otherId } },
      select: { userId: true },
    });
    return row !== null;
  }
}
