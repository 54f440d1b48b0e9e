import type { Prisma, PrismaClient } from '../../db/prisma';
import { isFirstAccount } from '../admin/roster-lock';
import { privateUserSelect } from '../users/users.presenter';

export interface NewSession {
  id: string;
  userId: string;
  refreshTokenHash: string;
  expiresAt: Date;
  userAgent?: string;
  ip?: string;
}

export class AuthRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Creates the account in one transaction with `admit`, which may refuse it (and then nothing is written). The
   * first account of a fresh installation is its admin (isFirstAccount settles two at the same moment).
   */
  createUser(
    data: { username: string; usernameNormalized: string; displayName: string; passwordHash: string },
    admit: (tx: Prisma.TransactionClient) => Promise<void>,
  ) {
    return this.db.$transaction(async (tx) => {
      await admit(tx);
      const role = (await isFirstAccount(tx)) ? 'admin' : 'member';
      return tx.user.create({ data: { ...data, role }, select: privateUserSelect });
    });
  }

  findUserForLogin(usernameNormalized: string) {
    return this.db.user.findUnique({
      where: { usernameNormalized },
      select: { ...privateUserSelect, passwordHash: true },
    });
  }

  /**
   * Starts a session only for an active account; false when the account is deactivated. The account row is read
   * with a share lock, so a deactivation at the same moment either waits for this session (and then revokes it) or
   * commits first (and then no session starts).
   */
  async createActiveSession(session: NewSession): Promise<boolean> {
    const created = await this.db.$executeRaw`
      INSERT INTO sessions (id, user_id, refresh_token_hash, expires_at, user_agent, ip)
      SELECT ${session.id}::uuid, id, ${session.refreshTokenHash}, ${session.expiresAt}, ${session.userAgent ?? null},
             ${session.ip ?? null}
      FROM users WHERE id = ${session.userId}::uuid AND status = 'active' FOR SHARE`;
    return created === 1;
  }

  findSession(id: string) {
    return this.db.session.findUnique({ where: { id } });
  }

  /** Compare-and-swap: only succeeds if the presented token is still the current one. */
  async rotateSession(id: string, currentHash: string, nextHash: string, expiresAt: Date): Promise<boolean> {
    const now = new Date();
    const { count } = await this.db.session.updateMany({
      where: { id, refreshTokenHash: currentHash, revokedAt: null },
      data: { refreshTokenHash: nextHash, expiresAt, lastUsedAt: now, rotatedAt: now },
    });
    return count === 1;
  }

  listActiveSessions(userId: string) {
    return this.db.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, userAgent: true, ip: true, createdAt: true, lastUsedAt: true, expiresAt: true },
      orderBy: { lastUsedAt: 'desc' },
    });
  }

  /** Revokes one of the user's own sessions; false when there is no such active session of theirs. */
  async revokeUserSession(userId: string, id: string): Promise<boolean> {
    const { count } = await this.db.session.updateMany({
      where: { id, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }

  async revokeSession(id: string): Promise<void> {
    await this.db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  }
}
