import type { Prisma, PrismaClient } from '../../db/prisma';
import type { RegistrationMode } from '@messenger/contract';

type Transaction = Prisma.TransactionClient;
type Reader = PrismaClient | Transaction;

/** Serialises invite creation, so that the cap on active invites holds under concurrent requests. */
const INVITE_CREATION_LOCK = 7_020_111_901;

export const inviteSelect = {
  id: true,
  code: true,
  maxUses: true,
  uses: true,
  expiresAt: true,
  createdAt: true,
} as const;

export class RegistrationRepository {
  constructor(private readonly db: PrismaClient) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.$transaction(work);
  }

  /** The single settings row exists from the migration on; were it missing, the default applies. */
  async mode(db: Reader = this.db): Promise<RegistrationMode> {
    const settings = await db.instanceSettings.findUnique({ where: { id: 1 }, select: { registration: true } });
    return settings?.registration ?? 'open';
  }

  /** Sets the mode; returns the one it replaced. */
  async setMode(tx: Transaction, mode: RegistrationMode): Promise<RegistrationMode> {
    const [previous] = await tx.$queryRaw<{ registration: RegistrationMode }[]>`
      SELECT registration::text AS registration FROM instance_settings WHERE id = 1 FOR UPDATE`;
    await tx.instanceSettings.upsert({
      where: { id: 1 },
      create: { registration: mode },
      update: { registration: mode },
    });
    return previous?.registration ?? 'open';
  }

  async hasAccounts(db: Reader = this.db): Promise<boolean> {
    return (await db.user.findFirst({ select: { id: true } })) !== null;
  }

  /**
   * Takes one use of the invite if it is still good (not revoked, not expired, not used up). The row lock makes a
   * concurrent registration with the same code wait and then see the new count: with one use left, one succeeds.
   */
  async takeInviteUse(tx: Transaction, code: string): Promise<boolean> {
    const updated = await tx.$executeRaw`
      UPDATE invites SET uses = uses + 1
      WHERE code = ${code} AND revoked_at IS NULL
        AND (expires_at IS NULL OR expires_at > now())
        AND (max_uses IS NULL OR uses < max_uses)`;
    return updated === 1;
  }

  async lockInviteCreation(tx: Transaction): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INVITE_CREATION_LOCK}::bigint)`;
  }

  countActiveInvites(db: Reader = this.db): Promise<number> {
    return db.invite.count({ where: this.activeInvite() });
  }

  createInvite(
    tx: Transaction,
    data: { code: string; createdById: string | null; maxUses: number | null; expiresAt: Date },
  ) {
    return tx.invite.create({ data, select: inviteSelect });
  }

  listActiveInvites() {
    return this.db.invite.findMany({
      where: this.activeInvite(),
      select: inviteSelect,
      orderBy: { createdAt: 'desc' },
    });
  }

  /** Revokes an invite not revoked yet; null when there is none such. */
  async revokeInvite(tx: Transaction, id: string) {
    const [revoked] = await tx.invite.updateManyAndReturn({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
      select: inviteSelect,
    });
    return revoked ?? null;
  }

  private activeInvite(): Prisma.InviteWhereInput {
    return {
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
      AND: [{ OR: [{ maxUses: null }, { uses: { lt: this.db.invite.fields.maxUses } }] }],
    };
  }
}
