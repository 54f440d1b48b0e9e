import { loadEnv } from '../../src/config/env';
import type { PrismaClient } from '../../src/db/prisma';
import { createLogger } from '../../src/lib/logger';
import { adminCommandContext as commandContext } from '../../src/modules/admin/admin-command-context';
import { reachServers } from '../../src/realtime/command-line-reach';
import type { TestServer } from './test-server';
import type { TestUser } from './users';

/**
 * What an admin command runs with, over a test server's database, reaching no server (no REDIS_URL); `printed`
 * collects its output lines.
 */
export async function adminCommandContext(db: PrismaClient, env: Record<string, string> = {}) {
  const printed: string[] = [];
  const config = loadEnv({ NODE_ENV: 'test', ...env });
  const logger = createLogger('silent');
  const reach = await reachServers(config, logger);
  const context = commandContext(db, config, logger, reach, (line) => printed.push(line));
  return { context, printed };
}

/** Makes a registered user an admin directly in the database (how an admin comes to be is tested elsewhere). */
export async function promoteToAdmin(server: TestServer, user: TestUser): Promise<TestUser> {
  await server.prisma.user.update({ where: { id: user.id }, data: { role: 'admin' } });
  return user;
}
