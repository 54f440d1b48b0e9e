import { loadEnv } from '../../src/config/env';
import type { PrismaClient } from '../../src/db/prisma';
import { createLogger } from '../../src/lib/logger';
import type { AdminCommandContext } from '../../src/modules/admin/admin-command';
import { AuditLog } from '../../src/modules/admin/audit-log';
import type { TestServer } from './test-server';
import type { TestUser } from './users';

/** What an admin command runs with, over a test server's database; `printed` collects its output lines. */
export function adminCommandContext(db: PrismaClient, env: Record<string, string> = {}) {
  const printed: string[] = [];
  const context: AdminCommandContext = {
    db,
    config: loadEnv({ NODE_ENV: 'test', ...env }),
    logger: createLogger('silent'),
    audit: new AuditLog(db),
    print: (line) => printed.push(line),
  };
  return { context, printed };
}

/** Makes a registered user an admin directly in the database (how an admin comes to be is tested elsewhere). */
export async function promoteToAdmin(server: TestServer, user: TestUser): Promise<TestUser> {
  await server.prisma.user.update({ where: { id: user.id }, data: { role: 'admin' } });
  return user;
}
