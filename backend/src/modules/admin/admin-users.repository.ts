import type { Prisma, PrismaClient } from '../../db/prisma';
import type { UserRole } from '../../generated/prisma/client';
import { adminUserSelect, type AdminUserRecord } from './admin-users.presenter';
import { lockRoster } from './roster-lock';

type Transaction = Prisma.TransactionClient;

export interface UserListFilter {
  q?: string;
  status?: 'active' | 'deactivated';
  /** Usernames (normalized) after this one. */
  after?: string;
  limit: number;
}

/** Who may be an admin and who is active: every change runs in `changeRoster`, one after the other. */
export class AdminUsersRepository {
  constructor(private readonly db: PrismaClient) {}

  /** A change to roles or activity, run after every other one that started before it (see lockRoster). */
  changeRoster<T>(change: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.$transaction(async (tx) => {
      await lockRoster(tx);
      return change(tx);
    });
  }

  /** Alphabetical by username, the order of its unique index, so a page ends where the next begins. */
  list(filter: UserListFilter): Promise<AdminUserRecord[]> {
    const term = filter.q?.toLowerCase();
    return this.db.user.findMany({
      where: {
        status: filter.status,
        usernameNormalized: filter.after ? { gt: filter.after } : undefined,
        OR: term
          ? [{ usernameNormalized: { contains: term } }, { displayName: { contains: term, mode: 'insensitive' } }]
          : undefined,
      },
      select: adminUserSelect,
      orderBy: { usernameNormalized: 'asc' },
      take: filter.limit,
    });
  }

  findById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: adminUserSelect });
  }

  findByUsername(usernameNormalized: string) {
    return this.db.user.findUnique({ where: { usernameNormalized }, select: adminUserSelect });
  }

  /** The user's row, locked against logins and other changes until the transaction ends. */
  async lockUser(tx: Transaction, id: string): Promise<AdminUserRecord | null> {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM users WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
    return row ? tx.user.findUnique({ where: { id }, select: adminUserSelect }) : null;
  }

  setRole(tx: Transaction, id: string, role: UserRole): Promise<AdminUserRecord> {
    return tx.user.update({ where: { id }, data: { role }, select: adminUserSelect });
  }

  setActive(tx: Transaction, id: string, active: boolean): Promise<AdminUserRecord> {
    return tx.user.update({
      where: { id },
      data: active ? { status: 'active', deactivatedAt: null } : { status: 'deactivated', deactivatedAt: new Date() },
      select: adminUserSelect,
    });
  }

  activeAdminCount(tx: Transaction): Promise<number> {
    return tx.user.count({ where: { role: 'admin', status: 'active' } });
  }

  /** Ends every session of the user that has not ended yet; returns their ids. */

  async ownedGroupIds(tx: Transaction, userId: string): Promise<string[]> {
    const rows = await tx.chat.findMany({ where: { ownerId: userId, type: 'group' }, select: { id: true } });
    return rows.map((row) => row.id);
  }
}
