import type { AuditEntry } from '@messenger/contract';
import type { Prisma, PrismaClient } from '../../db/prisma';

/** Who did an admin action: a signed-in admin, or someone with a shell on the server (the admin command line). */
export type AuditActor = { kind: 'user'; id: string; username: string } | { kind: 'command-line' };

export interface AuditRecord {
  actor: AuditActor;
  /** What was done, e.g. `user.deactivate`, `registration.update`, `invite.create`. */
  action: string;
  target?: { id: string; username: string };
  details?: Prisma.InputJsonObject;
}

type Writer = Pick<PrismaClient, 'auditLogEntry'> | Prisma.TransactionClient;

export const COMMAND_LINE_LABEL = 'command line';

/**
 * The append-only audit log of admin actions. Write an entry in the same transaction as the change it records
 * (pass `tx`), so that the log can never claim a change that rolled back nor miss one that committed.
 */
export class AuditLog {
  constructor(private readonly db: PrismaClient) {}

  async record(entry: AuditRecord, tx: Writer = this.db): Promise<void> {
    await tx.auditLogEntry.create({
      data: {
        actorId: entry.actor.kind === 'user' ? entry.actor.id : null,
        actorLabel: entry.actor.kind === 'user' ? entry.actor.username : COMMAND_LINE_LABEL,
        action: entry.action,
        targetUserId: entry.target?.id ?? null,
        targetLabel: entry.target?.username ?? null,
        details: entry.details ?? {},
      },
    });
  }

  /** Newest first; `before` is the id the previous page ended with (ids grow with every entry). */
  async list(limit: number, before?: string): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const rows = await this.db.auditLogEntry.findMany({
      where: before ? { id: { lt: BigInt(before) } } : undefined,
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const entries = page.map((row) => ({
      id: row.id.toString(),
      actor: { id: row.actorId, label: row.actorLabel },
      action: row.action,
      target: row.targetLabel === null ? null : { id: row.targetUserId, label: row.targetLabel },
      // Always an object: record() writes nothing else.
      details: row.details as AuditEntry['details'],
      createdAt: row.createdAt.toISOString(),
    }));
    return { entries, nextCursor: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
  }
}
