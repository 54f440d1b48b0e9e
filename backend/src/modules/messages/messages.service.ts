import { isUniqueViolation } from '../../db/prisma';
import { badRequest, notFound } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import type { ChatsService } from '../chats/chats.service';
import type { MessagePresenter } from './messages.presenter';
import type { MessagesRepository } from './messages.repository';
import type { ListMessagesQuery, SendMessageInput } from './messages.schemas';

export class MessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly chats: ChatsService,
    private readonly presenter: MessagePresenter,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Sends a message (REST and socket alike). Idempotent per (sender, clientMsgId): a retry returns the original
   * message with created=false and publishes nothing.
   */
  async send(senderId: string, input: SendMessageInput) {
    const participantIds = await this.chats.requireParticipants(senderId, input.chatId);
    const existing = await this.repository.findByClientMsgId(senderId, input.clientMsgId);
    if (existing) return { created: false, message: this.presenter.toDto(existing) };
    if (input.replyToId && !(await this.repository.findInChat(input.chatId, input.replyToId))) {
      throw badRequest('replyToId must be a message of the same chat', [
        { field: 'replyToId', message: 'not a message of this chat' },
      ]);
    }

    let record;
    try {
      record = await this.repository.create({ ...input, senderId });
    } catch (error) {
      if (!isUniqueViolation(error, 'client_msg_id')) throw error;
      const original = await this.repository.findByClientMsgId(senderId, input.clientMsgId);
      if (!original) throw error;
      return { created: false, message: this.presenter.toDto(original) };
    }
    const message = this.presenter.toDto(record);
    this.events.toUsers(participantIds, 'message:new', { message });
    return { created: true, message };
  }

  /** A page of history by seq: the newest page, or before / after a seq, or centred on one message. */
  async list(userId: string, chatId: string, query: ListMessagesQuery) {
    await this.chats.requireParticipants(userId, chatId);
    const lastSeq = await this.repository.lastSeq(chatId);
    const { limit } = query;
    let from: number;
    if (query.before !== undefined) from = Math.min(query.before, lastSeq + 1) - limit;
    else if (query.after !== undefined) from = query.after + 1;
    else if (query.around !== undefined) {
      const anchor = await this.repository.findInChat(chatId, query.around);
      if (!anchor) throw notFound('Message');
      from = anchor.seq - Math.floor((limit - 1) / 2);
    } else from = lastSeq - limit + 1;

    from = Math.max(1, from);
    const to = Math.min(lastSeq, query.before !== undefined ? query.before - 1 : from + limit - 1);
    const messages = to >= from ? await this.repository.listSeqRange(chatId, from, to) : [];
    return {
      messages: messages.map((message) => this.presenter.toDto(message)),
      hasMoreBefore: Math.min(from, to + 1) > 1,
      hasMoreAfter: Math.max(to, from - 1) < lastSeq,
    };
  }
}
