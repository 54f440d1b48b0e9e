import type { Prisma, PrismaClient } from '../../db/prisma';
import type { EventPublisher } from '../../realtime/events';
import type { RevokedSessions } from './revoked-sessions';

type SessionWriter = Pick<PrismaClient, 'session'> | Prisma.TransactionClient;

/**
 * Marks every session of the user still signed in as revoked (all but `keep`, the one making the request, when
 * given), so that their refresh tokens stop working. Run it in the transaction of the change that ends them (a new
 * password), then hand the ids to `endSessions` once that has committed.
 */
export async function revokeSessionsOf(db: SessionWriter, userId: string, keep?: string): Promise<string[]> {
  const revoked = await db.session.updateManyAndReturn({
    // An expired session has no live access token left (each lives far shorter than the refresh token).
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() }, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
    select: { id: true },
  });
  return revoked.map((session) => session.id);
}

/**
 * Ends sessions already revoked in the database: their access tokens stop working at once, on every instance, and
 * their live connections are closed.
 */
export async function endSessions(
  sessionIds: readonly string[],
  revoked: Pick<RevokedSessions, 'add'>,
  events: Pick<EventPublisher, 'endSession'>,
): Promise<void> {
  for (const sessionId of sessionIds) {
    await revoked.add(sessionId);
    events.endSession(sessionId);
  }
}
