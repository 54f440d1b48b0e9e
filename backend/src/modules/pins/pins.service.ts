import { MAX_PINS_PER_CHAT, type Message } from '@messenger/contract';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import { refusedByBlock } from '../blocks/block-refusal';
import type { BlocksRepository } from '../blocks/blocks.repository';
import type { ChatsService } from '../chats/chats.service';
import type { MessagePresenter } from '../messages/messages.presenter';
import type { ChatPublicationOrder } from '../messages/publication-order';
import type { PinsRepository } from './pins.repository';

const pinLimitReached = () =>
  new AppError(
    422,
    'PIN_LIMIT_REACHED',
    `A chat can have at most ${MAX_PINS_PER_CHAT} pinned messages: unpin one first`,
    { limit: MAX_PINS_PER_CHAT },
  );

/**
 * Pinned messages: any member pins or unpins any message of the chat (not system messages, not deleted ones), up
 * to MAX_PINS_PER_CHAT per chat. Pinning posts a system message that names who pinned and quotes the message;
 * unpinning posts none (as in Slack and Telegram: the pin is news, taking it down is housekeeping). Both are
 * idempotent: pinning a pinned message, or unpinning one that is not, changes and publishes nothing. Every change
 * goes to the members as `message:pinned`, after its transaction has committed.
 */
export class PinsService {
  constructor(
    private readonly repository: PinsRepository,
    private readonly chats: Pick<ChatsService, 'requireParticipants'>,
    private readonly presenter: MessagePresenter,
    private readonly events: EventPublisher,
    private readonly blocks: Pick<BlocksRepository, 'directPartner' | 'between'>,
    /** Shared with MessagesService and GroupsService: the system message takes its seq among theirs. */
    private readonly order: ChatPublicationOrder,
  ) {}

  async pin(userId: string, messageId: string): Promise<Message> {
    const { target } = await this.requirePinnable(userId, messageId);
    if (target.deletedAt) throw cannotPinDeleted();
    // A pin writes into the chat (its system message): refused where a block refuses messages.
    const partner = await this.blocks.directPartner(userId, target.chatId);
    const blocked = partner && (await this.blocks.between(userId, partner));
    if (blocked) throw refusedByBlock(blocked, 'pin messages in this chat');

    const publications = this.order.begin([target.chatId]);
    try {
      const outcome = await this.repository.pin(target.chatId, messageId, userId, (name) => `${name} pinned a message`);
      if ('refused' in outcome) {
        if (outcome.refused === 'full') throw pinLimitReached();
        // Deleted, or the pinner left, since the checks above.
        throw outcome.refused === 'deleted' ? cannotPinDeleted() : notFound('Message');
      }
      if ('alreadyPinned' in outcome) return this.presenter.toDto(outcome.alreadyPinned);
      const message = this.presenter.toDto(outcome.pinned);
      const { record, participantIds } = outcome.announcement;
      const announcement = this.presenter.toDto(record);
      publications.add(target.chatId, record.seq, () => {
        this.events.toUsers(participantIds, 'message:pinned', { message });
        this.events.toUsers(participantIds, 'message:new', { message: announcement });
      });
      return message;
    } finally {
      await publications.end();
    }
  }

  async unpin(userId: string, messageId: string): Promise<Message> {
    const { participantIds } = await this.requirePinnable(userId, messageId);
    const { removed, message: record } = await this.repository.unpin(messageId);
    const message = this.presenter.toDto(record);
    if (removed) this.events.toUsers(participantIds, 'message:pinned', { message });
    return message;
  }

  /** The chat's pinned messages, newest pin first. */
  async list(userId: string, chatId: string): Promise<Message[]> {
    await this.chats.requireParticipants(userId, chatId);
    return (await this.repository.list(chatId)).map((record) => this.presenter.toDto(record));
  }

  /** A message of a chat you are not in does not exist for you; system messages are never pinned. */
  private async requirePinnable(userId: string, messageId: string) {
    const target = await this.repository.findTarget(messageId);
    if (!target) throw notFound('Message');
    const participantIds = await this.chats.requireParticipants(userId, target.chatId);
    if (target.type === 'system') throw forbidden('System messages cannot be pinned');
    return { target, participantIds };
  }
}

const cannotPinDeleted = () => conflict('A deleted message cannot be pinned');
