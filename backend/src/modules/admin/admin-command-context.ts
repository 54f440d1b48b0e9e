import type { Env } from '../../config/env';
import { AfterAnswer } from '../../lib/after-answer';
import type { PrismaClient } from '../../db/prisma';
import type { Logger } from '../../lib/logger';
import type { CommandLineReach } from '../../realtime/command-line-reach';
import { LocalPresence } from '../../realtime/presence';
import { BlocksRepository } from '../blocks/blocks.repository';
import { ChatPresenter } from '../chats/chats.presenter';
import { ChatsRepository } from '../chats/chats.repository';
import { ChatsService } from '../chats/chats.service';
import { GroupsService } from '../chats/groups.service';
import { MessagePresenter } from '../messages/messages.presenter';
import { ChatPublicationOrder } from '../messages/publication-order';
import { UserPresenter } from '../users/users.presenter';
import type { AdminCommandContext } from './admin-command';
import { AdminUsersRepository } from './admin-users.repository';
import { AdminUsersService } from './admin-users.service';
import { AuditLog } from './audit-log';

/** What the admin command line's commands run with: the API's services over `db`, reaching the servers by `reach`. */
export function adminCommandContext(
  db: PrismaClient,
  config: Env,
  logger: Logger,
  reach: CommandLineReach,
  print: (line: string) => void,
): AdminCommandContext {
  const audit = new AuditLog(db);
  // Events of group hand-overs present participants without presence: a shell does not know who is online.
  const messagePresenter = new MessagePresenter();
  const chatsRepository = new ChatsRepository(db);
  // Its commands publish group hand-overs themselves (publishChange), before they end: nothing is left after them.
  const afterAnswer = new AfterAnswer(logger);
  const chats = new ChatsService(
    chatsRepository,
    new ChatPresenter(new UserPresenter(new LocalPresence()), messagePresenter),
    reach.events,
    new BlocksRepository(db),
    afterAnswer,
  );
  const groups = new GroupsService(
    chatsRepository,
    chats,
    messagePresenter,
    reach.events,
    new ChatPublicationOrder(),
    afterAnswer,
  );
  const people = new AdminUsersService(new AdminUsersRepository(db), audit, reach.revoked, reach.events, groups);
  return {
    db,
    config,
    logger,
    audit,
    revoked: reach.revoked,
    events: reach.events,
    reachesServers: reach.reachesServers,
    people,
    print,
  };
}
