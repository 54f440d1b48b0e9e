import type { Env } from '../../config/env';
import type { PrismaClient } from '../../db/prisma';
import type { Logger } from '../../lib/logger';
import type { EventPublisher } from '../../realtime/events';
import type { RevokedSessions } from '../auth/revoked-sessions';
import type { AdminUsersService } from './admin-users.service';
import type { AuditLog } from './audit-log';

/**
 * What an admin command-line command (`npm run admin -w backend -- <command> ...`) runs with: the configured
 * database (the embedded one included, the running server's when it is up), the audit log it records to, and
 * where its output goes.
 */
export interface AdminCommandContext {
  db: PrismaClient;
  config: Env;
  logger: Logger;
  audit: AuditLog;
  /**
   * The running servers' revocation list and socket events, as far as a shell reaches them (realtime/
   * command-line-reach.ts): through Redis with REDIS_URL; without it only this process, which `reachesServers` says.
   */
  revoked: RevokedSessions;
  events: EventPublisher;
  reachesServers: boolean;
  /** Roles and deactivation, the same service (and write path) as the admin API's. */
  people: AdminUsersService;
  /** One line of output for the person at the shell. */
  print(line: string): void;
}

export interface AdminCommand {
  /** e.g. `deactivate <username>` */
  usage: string;
  summary: string;
  run(context: AdminCommandContext, args: string[]): Promise<void>;
}

/** A failure to report as one clear line (bad username, missing argument); the command exits non-zero. */
export class AdminCommandError extends Error {}
