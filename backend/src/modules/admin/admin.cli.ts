import { runDatabaseCommand } from '../../db/database-command';
import { createPrisma } from '../../db/prisma';
import { reachServers } from '../../realtime/command-line-reach';
import { LocalPresence } from '../../realtime/presence';
import { ChatPresenter } from '../chats/chats.presenter';
import { ChatsRepository } from '../chats/chats.repository';
import { ChatsService } from '../chats/chats.service';
import { GroupsService } from '../chats/groups.service';
import { MessagePresenter } from '../messages/messages.presenter';
import { UserPresenter } from '../users/users.presenter';
import { adminCommands, runAdminCommand } from './admin-commands';
import { AdminUsersRepository } from './admin-users.repository';
import { AdminUsersService } from './admin-users.service';
import { AuditLog } from './audit-log';

/**
 * `npm run admin -w backend -- <command>`: administration from a shell on the server, against DATABASE_URL or the
 * embedded database (the running server's when it is up), for the day no admin can sign in. Audit entries name
 * "command line" as the actor.
 */
runDatabaseCommand(async (databaseUrl, config, logger) => {
  const db = createPrisma(databaseUrl);
  const reach = await reachServers(config, logger);
  try {
    const audit = new AuditLog(db);
    // Events of group hand-overs present participants without presence: a shell does not know who is online.
    const messagePresenter = new MessagePresenter();
    const chatsRepository = new ChatsRepository(db);
    const chats = new ChatsService(
      chatsRepository,
      new ChatPresenter(new UserPresenter(new LocalPresence()), messagePresenter),
      reach.events,
    );
    const groups = new GroupsService(chatsRepository, chats, messagePresenter, reach.events);
    const people = new AdminUsersService(new AdminUsersRepository(db), audit, reach.revoked, reach.events, groups);
    await runAdminCommand(adminCommands, process.argv.slice(2), {
      db,
      config,
      logger,
      audit,
      revoked: reach.revoked,
      events: reach.events,
      reachesServers: reach.reachesServers,
      people,
      print: (line) => console.log(line),
    });
  } finally {
    await reach.close();
    await db.$disconnect();
  }
});
