import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
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

/** The connection pool under each client, for the metrics (Prisma does not expose it). */
const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createPrisma(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    // Waiting for a connection when PostgreSQL is unreachable fails after 5 s instead of hanging the request.
    connectionTimeoutMillis: 5_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(prisma, pool);
  return prisma;
}

/**
 * The pg pool under a client made by createPrisma, for the few hot statements that skip Prisma's query layer (it
 * costs more CPU per call than the statement itself).
 */
export function databasePool(prisma: PrismaClient): pg.Pool {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('not a client made by createPrisma: pass its pg pool explicitly');
  return pool;
}

/** Connections of the client's pool: open, idle, and requests waiting for one. */
export function databasePoolStatus(prisma: PrismaClient): { total: number; idle: number; waiting: number } {
  const pool = pools.get(prisma);
  return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
}

/** What the pg driver adapter calls the ways a database connection fails (not a query's own error). */
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** PostgreSQL shutting down or starting up: admin_shutdown, crash_shutdown, cannot_connect_now. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
/** Node's errors for a database connection that failed or was cut (pg reports them as they are). */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * True when a query failed because PostgreSQL could not be reached (down, restarting, out of connections), as
 * opposed to the query itself being wrong: the request can be retried in a moment.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta, message } = error as { code?: string; meta?: unknown; message?: string };
  if (code === 'P1001' || code === 'P1002' || code === 'P1017') return true;
  const cause = (meta as { driverAdapterError?: { cause?: { kind?: string; code?: string } } } | undefined)
    ?.driverAdapterError?.cause;
  if (cause?.kind && UNREACHABLE_KINDS.has(cause.kind)) return true;
  if (cause?.kind === 'postgres' && cause.code && UNAVAILABLE_SQLSTATES.has(cause.code)) return true;
  // Statements sent through the pg pool itself (databasePool) fail with PostgreSQL's SQLSTATE or Node's code.
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || NETWORK_ERRORS.has(code))) return true;
  // pg-pool's own failures carry no code: a connect timeout, or a connection dropped mid-query.
  return /timeout exceeded when trying to connect|Connection terminated/i.test(message ?? '');
}

/**
 * True when a write failed on a unique index (optionally: on one that covers the given column). Prisma reports it
 * as P2002 from its query builder and as P2010 wrapping PostgreSQL's 23505 from raw SQL; a statement sent through
 * the pg pool itself (databasePool) fails with 23505 and the index's name.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta, constraint } = error as { code?: string; meta?: unknown; constraint?: string };
  if (code === '23505') return !column || constraint?.includes(column) === true;
  const details = JSON.stringify(meta ?? {});
  const unique = code === 'P2002' || (code === 'P2010' && details.includes('"originalCode":"23505"'));
  return unique && (!column || details.includes(column));
}
