import { isUniqueViolation } from '../../db/prisma';
import { KeyedSerialQueue } from '../../lib/serial-queue';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import { refusedByBlock } from '../blocks/block-refusal';
import type { BlocksRepository } from '../blocks/blocks.repository';
import type { ChatsService } from '../chats/chats.service';
import { groupReactions, type MessagePresenter } from './messages.presenter';
import { ATTACHMENTS_UNAVAILABLE, type MessagesRepository } from './messages.repository';
import type { ListMessagesQuery, SendMessageInput } from './messages.schemas';

export class MessagesService {
  /**
   * Sends into one chat take turns on this instance, from the insert that takes the next seq to the publish, so
   * that its events leave in seq order (otherwise two concurrent sends could be published n+1 before n).
   */
  private readonly chatTurns = new KeyedSerialQueue();

  constructor(
    private readonly repository: MessagesRepository,
    private readonly chats: ChatsService,
    private readonly presenter: MessagePresenter,
    private readonly events: EventPublisher,
    private readonly images: { discard(storageKeys: readonly string[]): Promise<void> },
    private readonly blocks: Pick<BlocksRepository, 'directPartner' | 'between'>,
  ) {}

  /**
   * Sends a message (REST and socket alike). Idempotent per (sender, chat, clientMsgId): the unique index turns a
   * retry into a failed insert, answered with the original message (created=false), and nothing is published. The
   * key includes the chat, so a retry is only ever answered with a message of the chat it names, and only while the
   * sender is a participant (the insert checks membership before the index can object). The insert itself checks
   * that the sender may write there and returns the recipients, so a send is one query; only a refused one pays for
   * finding out why.
   */
  async send(senderId: string, input: SendMessageInput) {
    try {
      return await this.chatTurns.run(input.chatId, async () => {
        const written = await this.repository.create({ ...input, content: input.content ?? '', senderId });
        if (!written || written === ATTACHMENTS_UNAVAILABLE) return this.explainRefusal(senderId, input, written);
        const message = this.presenter.toDto(written.record);
        this.events.toUsers(written.participantIds, 'message:new', { message });
        return { created: true, message };
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'client_msg_id')) throw error;
      const original = await this.repository.findByClientMsgId(senderId, input.chatId, input.clientMsgId);
      if (!original) throw error;
      return { created: false, message: this.presenter.toDto(original) };
    }
  }

  /** Access first: only a participant learns that a block, the images or the quoted message are the problem. */
  private async explainRefusal(
    senderId: string,
    input: SendMessageInput,
    refusal: null | typeof ATTACHMENTS_UNAVAILABLE,
  ): Promise<never> {
    await this.chats.requireParticipants(senderId, input.chatId);
    const partner = await this.blocks.directPartner(senderId, input.chatId);
    const blocked = partner && (await this.blocks.between(senderId, partner));
    if (blocked) throw refusedByBlock(blocked, 'send them messages');
    if (refusal === ATTACHMENTS_UNAVAILABLE) {
      throw badRequest('attachmentIds must be images you uploaded and have not sent yet', [
        { field: 'attachmentIds', message: 'not your unsent uploads' },
      ]);
    }
    if (input.replyToId && !(await this.repository.findInChat(input.chatId, input.replyToId))) {
      throw badRequest('replyToId must be a message of the same chat', [
        { field: 'replyToId', message: 'not a message of this chat' },
      ]);
    }
    throw notFound('Chat');
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
      // Centred on the message, except near the newest end, where a full page shows more of what came before.
      from = Math.min(anchor.seq - Math.floor((limit - 1) / 2), lastSeq - limit + 1);
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

  /** Sender only; not system messages, not once deleted. The previous text is not kept. */
  async edit(userId: string, messageId: string, content: string) {
    const { message, participantIds } = await this.loadForChange(userId, messageId);
    if (message.senderId !== userId) throw forbidden('Only the sender can edit a message');
    if (message.deletedAt) throw conflict('A deleted message cannot be edited');
    const edited = this.presenter.toDto(await this.repository.edit(messageId, content));
    this.events.toUsers(participantIds, 'message:edited', { message: edited });
    return edited;
  }

  /** The sender, or the owner of a group, may delete; deleting twice is harmless. */
  async delete(userId: string, messageId: string) {
    const { message, participantIds } = await this.loadForChange(userId, messageId);
    const isGroupOwner = message.chat.type === 'group' && message.chat.ownerId === userId;
    if (message.senderId !== userId && !isGroupOwner) {
      throw forbidden('Only the sender or the group owner can delete a message');
    }
    if (message.deletedAt) return this.presenter.toDto(await this.repository.findById(messageId));
    const { message: record, storageKeys } = await this.repository.softDelete(messageId);
    await this.images.discard(storageKeys);
    const deleted = this.presenter.toDto(record);
    this.events.toUsers(participantIds, 'message:deleted', { message: deleted });
    return deleted;
  }

  /** Adds (present = true) or removes the caller's reaction; both are idempotent. */
  async react(userId: string, messageId: string, emoji: string, present: boolean) {
    const { message, participantIds } = await this.loadForChange(userId, messageId, { allowSystem: true });
    if (message.deletedAt) throw conflict('A deleted message cannot get reactions');
    if (present) await this.repository.addReaction(messageId, userId, emoji);
    else await this.repository.removeReaction(messageId, userId, emoji);
    const reactions = groupReactions(await this.repository.reactions(messageId));
    this.events.toUsers(participantIds, 'reaction:updated', { chatId: message.chatId, messageId, reactions });
    return reactions;
  }

  /** A message in a chat you are not in does not exist for you. */
  private async loadForChange(userId: string, messageId: string, options: { allowSystem?: boolean } = {}) {
    const message = await this.repository.findForChange(messageId);
    if (!message) throw notFound('Message');
    const participantIds = await this.chats.requireParticipants(userId, message.chatId);
    if (message.type === 'system' && !options.allowSystem) throw forbidden('System messages cannot be changed');
    return { message, participantIds };
  }
}
