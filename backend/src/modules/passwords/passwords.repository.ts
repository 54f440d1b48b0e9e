import type { Prisma, PrismaClient } from '../../db/prisma';

type Transaction = Prisma.TransactionClient;

/** Whose password a reset is for: by id from the API, by username from the admin command line. */
export type ResetTarget = { userId: string } | { usernameNormalized: string };

export class PasswordsRepository {
  constructor(private readonly db: PrismaClient) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.$transaction(work);
  }

  passwordHashOf(userId: string) {
    return this.db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  }

  /** Compare-and-swap: false when the password changed since `currentHash` was read. */
  async replacePasswordHash(tx: Transaction, userId: string, currentHash: string, nextHash: string): Promise<boolean> {
    const { count } = await tx.user.updateMany({
      where: { id: userId, passwordHash: currentHash },
      data: { passwordHash: nextHash },
    });
    return count === 1;
  }

  async setPasswordHash(tx: Transaction, userId: string, passwordHash: string): Promise<void> {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  }

  /** The user, locked until the transaction ends (two admins issuing at once leave exactly one usable token). */
  async lockUser(tx: Transaction, target: ResetTarget): Promise<{ id: string; username: string } | null> {
    const [user] =
      'userId' in target
        ? await tx.$queryRaw<{ id: string; username: string }[]>`
            SELECT id, username FROM users WHERE id = ${target.userId}::uuid FOR UPDATE`
        : await tx.$queryRaw<{ id: string; username: string }[]>`
            SELECT id, username FROM users WHERE username_normalized = ${target.usernameNormalized} FOR UPDATE`;
    return user ?? null;
  }

  /** A new token replaces the user's unused ones: only the latest link works. */
  async replaceResetTokens(
    tx: Transaction,
    token: { userId: string; tokenHash: string; issuedById: string | null; expiresAt: Date },
  ): Promise<void> {
    await tx.passwordResetToken.deleteMany({ where: { userId: token.userId, usedAt: null } });
    await tx.passwordResetToken.create({ data: token });
  }

  async isUsableResetToken(tokenHash: string): Promise<boolean> {
    const found = await this.db.passwordResetToken.findFirst({
      where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    return found !== null;
  }

  /**
   * Marks the token used if it still is usable; the user it was for, or null. The row lock makes a concurrent use
   * of the same token wait and then find it used: exactly one succeeds.
   */
  async consumeResetToken(tx: Transaction, tokenHash: string): Promise<string | null> {
    const [consumed] = await tx.passwordResetToken.updateManyAndReturn({
      where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
      select: { userId: true },
    });
    return consumed?.userId ?? null;
  }
}
