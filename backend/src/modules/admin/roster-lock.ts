import type { Prisma } from '../../db/prisma';

/** One advisory-lock key for every change to who is an admin or who is active (and for the first registration). */
const ROSTER_LOCK = 727_301;

/**
 * Queues, until the transaction ends, behind every other transaction that changes roles or activity, so that each
 * such change sees the others' results: two admins demoting or deactivating each other at the same moment cannot
 * leave no active admin, and of two first registrations exactly one becomes the admin.
 */
export async function lockRoster(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROSTER_LOCK})`;
}

/**
 * Whether the account this transaction is about to create is the installation's first. Once any account exists
 * it answers without a lock; only while there is none do registrations queue on the roster lock, so that of two at
 * the same moment exactly one is the first.
 */
export async function isFirstAccount(tx: Prisma.TransactionClient): Promise<boolean> {
  if (await tx.user.findFirst({ select: { id: true } })) return false;
  await lockRoster(tx);
  return (await tx.user.findFirst({ select: { id: true } })) === null;
}
