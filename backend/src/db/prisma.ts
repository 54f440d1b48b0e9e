import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };
export { Prisma } from '../generated/prisma/client';

export function createPrisma(databaseUrl: string, maxConnections = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: maxConnections });
  return new PrismaClient({ adapter });
}

/**
 * True when a write failed on a unique index (optionally: on one that covers the given column). Prisma reports it
 * as P2002 from its query builder and as P2010 wrapping PostgreSQL's 23505 from raw SQL.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as { code?: string; meta?: unknown };
  const details = JSON.stringify(meta ?? {});
  const unique = code === 'P2002' || (code === 'P2010' && details.includes('"originalCode":"23505"'));
  return unique && (!column || details.includes(column));
}
