import type { Prisma } from '../../db/prisma';
import type { AuditActor } from './audit-log';

/** Who asks for an admin action: a signed-in admin (by id, from the access token) or the admin command line. */
export type Acting = { adminId: string } | 'command-line';

/** The audit log's actor for `acting`, read in the transaction of the change (an admin's current username). */
export async function auditActor(tx: Prisma.TransactionClient, acting: Acting): Promise<AuditActor> {
  if (acting === 'command-line') return { kind: 'command-line' };
  const admin = await tx.user.findUniqueOrThrow({ where: { id: acting.adminId }, select: { username: true } });
  return { kind: 'user', id: acting.adminId, username: admin.username };
}
