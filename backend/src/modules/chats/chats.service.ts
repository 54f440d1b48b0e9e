import { isUniqueViolation } from '../../db/prisma';
import { badRequest, forbidden, notFound } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import { refusedByBlock } from '../blocks/block-refusal';
import { counterpartsOf, type BlocksRepository } from '../blocks/blocks.repository';
import type { ChatPresenter } from './chats.presenter';
import type { ChatsRepository } from './chats.repository';

export class ChatsService {
  constructor(
    private readonly repository: ChatsRepository,
    private readonly presenter: ChatPresenter,
    private readonly events: EventPublisher,
    private readonly blocks: Pick<BlocksRepository, 'counterparts' | 'pairsAmong' | 'between'>,
  ) {}

  async list(userId: string) {
    const [chats, presenceHidden] = await Promise.all([
      this.repository.listForUser(userId),
      this.blocks.counterparts(userId),
    ]);
    return chats.map((chat) => this.presenter.toDto(chat, userId, presenceHidden));
  }

  async get(userId: string, chatId: string) {
    const chat = await this.repository.findById(chatId);
    if (!chat || !chat.participants.some((participant) => participant.user.id === userId)) throw notFound('Chat');
    return this.presenter.toDto(chat, userId, await this.blocks.counterparts(userId));
  }

  sharedChatIds(userA: string, userB: string): Promise<string[]> {
    return this.repository.sharedChatIds(userA, userB);
  }

  /** Mutes or unmutes the chat for the caller alone; their other devices hear of it through chat:updated. */
  async setMuted(userId: string, chatId: string, muted: boolean) {
    if (!(await this.repository.setMuted(chatId, userId, muted))) throw notFound('Chat');
    await this.publish('chat:updated', chatId, [userId]);
    return this.get(userId, chatId);
  }

  /** One direct chat per pair: returns the existing one, or creates it (the unique key settles concurrent creates). */
  async openDirect(userId: string, otherId: string) {
    if (userId === otherId) throw badRequest('You cannot start a chat with yourself');
    const existing = await this.repository.findDirect(userId, otherId);
    const presenceHidden = await this.blocks.counterparts(userId);
    if (existing) return { created: false, chat: this.presenter.toDto(existing, userId, presenceHidden) };
    if (!(await this.repository.contactIdsAmong(userId, [otherId])).has(otherId)) {
      const blocked = await this.blocks.between(userId, otherId);
      if (blocked) throw refusedByBlock(blocked, 'start a chat with them');
      throw forbidden('You can only start a direct chat with a contact');
    }
    try {
      const chat = await this.repository.createDirect(userId, otherId);
      await this.publish('chat:created', chat.id, [userId, otherId]);
      return { created: true, chat: this.presenter.toDto(chat, userId, presenceHidden) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.repository.findDirect(userId, otherId);
      if (!raced) throw error;
      return { created: false, chat: this.presenter.toDto(raced, userId, presenceHidden) };
    }
  }

  /** Access check used by every chat-scoped read and write; a chat you are not in does not exist for you. */
  async requireParticipants(userId: string, chatId: string): Promise<string[]> {
    const participantIds = await this.repository.participantIds(chatId);
    if (!participantIds.includes(userId)) throw notFound('Chat');
    return participantIds;
  }

  /**
   * Publishes the chat as each recipient sees it (their own unread count), to the recipients still in it: read now,
   * it may already hold a change made after one of them left.
   */
  async publish(event: 'chat:created' | 'chat:updated', chatId: string, recipients: readonly string[]): Promise<void> {
    if (recipients.length === 0) return;
    const chat = await this.repository.findById(chatId);
    if (!chat) return;
    const blocks = await this.blocks.pairsAmong(chat.participants.map((participant) => participant.user.id));
    for (const userId of recipients) {
      if (!chat.participants.some((participant) => participant.user.id === userId)) continue;
      const presenceHidden = counterpartsOf(userId, blocks);
      this.events.toUsers([userId], event, { chat: this.presenter.toDto(chat, userId, presenceHidden) });
    }
  }
}
