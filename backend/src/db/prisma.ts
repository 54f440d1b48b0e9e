import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };
export { Prisma } from '../generated/prisma/client';

export interface PrismaOptions {
  maxConnections?: number;
  /** PostgreSQL cancels any statement that runs longer (none by default: seeding and benchmarks load in bulk). */
  statementTimeoutMs?: number;
}

/** What the server runs with: no request may hold a connection for longer than this, whatever it asked for. */
export const SERVER_STATEMENT_TIMEOUT_MS = 10_000;

export function createPrisma(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    // Waiting for a connection when PostgreSQL is unreachable fails after 5 s instead of hanging the request.
    connectionTimeoutMillis: 5_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
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
