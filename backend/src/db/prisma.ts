import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };
export { Prisma } from '../generated/prisma/client';

export function createPrisma(databaseUrl: string, maxConnections = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: maxConnections });
  return new PrismaClient({ adapter });
}

/** True when a write failed on a unique index (optionally: on one that covers the given column). */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (typeof error !== 'object' || error === null || (error as { code?: string }).code !== 'P2002') return false;
  if (!column) return true;
  return JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes(column);
}
