import type { PrismaClient } from '../../db/prisma';
import type { EventPublisher } from '../../realtime/events';
import type { BlocksRepository } from '../blocks/blocks.repository';
import type { ChatsService } from '../chats/chats.service';
import type { MessagePresenter } from '../messages/messages.presenter';
import type { ChatPublicationOrder } from '../messages/publication-order';
import { PinsRepository } from './pins.repository';
import { PinsService } from './pins.service';

/** Pinned messages: the service the operations use, over its own repository and what it shares with messages. */
export function pinsModule(
  db: PrismaClient,
  shared: {
    chats: ChatsService;
    messagePresenter: MessagePresenter;
    events: EventPublisher;
    blocksRepository: BlocksRepository;
    publicationOrder: ChatPublicationOrder;
  },
) {
  const { chats, messagePresenter, events, blocksRepository, publicationOrder } = shared;
  return new PinsService(new PinsRepository(db), chats, messagePresenter, events, blocksRepository, publicationOrder);
}
