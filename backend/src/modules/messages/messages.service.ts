import type { ListMessagesQuery, Message } from '@messenger/contract';
import { isUniqueViolation } from '../../db/prisma';
import { Coalescer } from '../../lib/coalescer';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import { refusedByBlock } from '../blocks/block-refusal';
import type { BlocksRepository } from '../blocks/blocks.repository';
import type { ChatsService } from '../chats/chats.service';
import { groupReactions, type MessagePresenter } from './messages.presenter';
import { isConflictBetweenWrites } from './message-rows';
import { ChatPublicationOrder } from './publication-order';
import {
  ATTACHMENTS_UNAVAILABLE,
  type MessagesRepository,
  type NewMessage,
  type WrittenMessage,
} from './messages.repository';
import type { SendMessageInput } from './messages.schemas';

type Send = NewMessage & { attachmentIds?: string[] };
/** What a send's write did with it: written (and published), not written (null: see explainRefusal), or failed. */
type SendResult = { written: Message } | { refused: null | typeof ATTACHMENTS_UNAVAILABLE } | { failed: unknown };

/** Most messages written by one statement: bounds the statement's size and the wait of the batch's first sender. */
const MAX_SENDS_PER_WRITE = 200;

export class MessagesService {
  /**
   * Group commit: the sends that arrive while one write is under way go together in the next (one statement, one
   * commit; see MessagesRepository.createMany). Idle, a send is written on the next turn of the event loop. Writes
   * are one at a time on this instance and each publishes its messages in seq order before the next begins, so every
   * chat's events leave in seq order (two concurrent sends can never be published n+1 before n; `order` keeps them
   * in order with group changes' system messages too).
   */
  private readonly writes: Coalescer<Send, SendResult>;
  private nextSendKey = 0;

  constructor(
    private readonly repository: MessagesRepository,
    private readonly chats: ChatsService,
    private readonly presenter: MessagePresenter,
    private readonly events: EventPublisher,
    private readonly attachments: { discard(storageKeys: readonly (string | null)[]): Promise<void> },
    private readonly blocks: Pick<BlocksRepository, 'directPartner' | 'between'>,
    /** Shared with GroupsService, whose system messages take their seqs in the same chats. */
    private readonly order = new ChatPublicationOrder(),
  ) {
    // Keys are unique per send, so nothing is ever merged.
    this.writes = new Coalescer<Send, SendResult>(
      (first) => first,
      (batch) => this.write(batch),
      MAX_SENDS_PER_WRITE,
    );
  }

  /**
   * Sends a message (REST and socket alike). Idempotent per (sender, chat, clientMsgId): a retry is not written (the
   * write skips a clientMsgId the sender already used in the chat, and the unique index stops a concurrent one) and
   * is answered with the original message (created=false); nothing is published. The key includes the chat, so a
   * retry is only ever answered with a message of the chat it names, and only while the sender is a participant
   * (checked first). The write itself checks that the sender may write there and returns the recipients, so a send
   * costs its share of one statement; only a refused one pays for finding out why.
   */
  async send(senderId: string, input: SendMessageInput) {
    const send: Send = { ...input, content: input.content ?? '', senderId };
    try {
      const result = await this.writes.submit(String(this.nextSendKey++), send);
      if (!result || 'failed' in result) throw result?.failed ?? new Error('a send was left out of its write');
      if ('written' in result) return { created: true, message: result.written };
      return await this.explainRefusal(senderId, input, result.refused);
    } catch (error) {
      if (!isUniqueViolation(error, 'client_msg_id')) throw error;
      const original = await this.repository.findByClientMsgId(senderId, input.chatId, input.clientMsgId);
      if (!original) throw error;
      return { created: false, message: this.presenter.toDto(original) };
    }
  }

  /**
   * One write of the sends that were waiting: their text messages in one statement, then any with attachments, each in
   * its own transaction (they claim their uploads). Each message is published as soon as its write has committed.
   * If the statement fails on a conflict between concurrent writes (the same clientMsgId twice, or a deadlock with
   * another instance), each text is written on its own instead, so that only the repeated one fails.
   */
  private async write(batch: ReadonlyMap<string, Send>): Promise<Map<string, SendResult>> {
    const results = new Map<string, SendResult>();
    const publications = this.order.begin([...batch.values()].map((send) => send.chatId));
    const published = (key: string, written: WrittenMessage | null | typeof ATTACHMENTS_UNAVAILABLE) => {
      if (!written || written === ATTACHMENTS_UNAVAILABLE) return void results.set(key, { refused: written });
      const message = this.presenter.toDto(written.record);
      publications.add(message.chatId, message.seq, () => {
        this.events.toUsers(written.participantIds, 'message:new', { message });
        this.announceMentions(message, message.mentions);
      });
      results.set(key, { written: message });
    };
    const writeAlone = async (key: string, send: Send) => {
      try {
        published(key, await this.repository.create(send));
      } catch (error) {
        results.set(key, { failed: error });
      }
    };
    const texts = [...batch].filter(([, send]) => !send.attachmentIds?.length);
    const withAttachments = [...batch].filter(([, send]) => send.attachmentIds?.length);
    try {
      if (texts.length > 0) {
        try {
          const written = await this.repository.createMany(texts.map(([, send]) => send));
          texts.forEach(([key], index) => published(key, written[index] ?? null));
        } catch (error) {
          if (!isConflictBetweenWrites(error)) throw error;
          for (const [key, send] of texts) await writeAlone(key, send);
        }
      }
      for (const [key, send] of withAttachments) await writeAlone(key, send);
    } finally {
      await publications.end();
    }
    return results;
  }

  /** Access first: only a participant learns that a block, the attachments or the quoted message are the problem. */
  private async explainRefusal(
    senderId: string,
    input: SendMessageInput,
    refusal: null | typeof ATTACHMENTS_UNAVAILABLE,
  ): Promise<{ created: false; message: Message }> {
    await this.chats.requireParticipants(senderId, input.chatId);
    const partner = await this.blocks.directPartner(senderId, input.chatId);
    const blocked = partner && (await this.blocks.between(senderId, partner));
    if (blocked) throw refusedByBlock(blocked, 'send them messages');
    const original = await this.repository.findByClientMsgId(senderId, input.chatId, input.clientMsgId);
    if (original) return { created: false as const, message: this.presenter.toDto(original) };
    if (refusal === ATTACHMENTS_UNAVAILABLE) {
      throw badRequest('attachmentIds must be uploads of yours that you have not sent yet', [
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

  /**
   * Sender only; not system messages, not once deleted. The previous text is not kept. Mentions follow the new text:
   * those it newly mentions hear of it (mention:new); they and those it no longer mentions get their chat again,
   * its mentionCount counted anew (clients count the mentions of new messages themselves, not an edit's).
   */
  async edit(userId: string, messageId: string, content: string) {
    const { message, participantIds } = await this.loadForChange(userId, messageId);
    if (message.senderId !== userId) throw forbidden('Only the sender can edit a message');
    if (message.deletedAt) throw conflict('A deleted message cannot be edited');
    const { message: record, mentionedBefore } = await this.repository.edit(messageId, content);
    const edited = this.presenter.toDto(record);
    this.events.toUsers(participantIds, 'message:edited', { message: edited });
    const added = edited.mentions.filter((id) => !mentionedBefore.includes(id));
    const removed = mentionedBefore.filter((id) => !edited.mentions.includes(id));
    this.announceMentions(edited, added);
    await this.chats.publish('chat:updated', edited.chatId, [...added, ...removed]);
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
    const { message: record, storageKeys, mentionedBefore } = await this.repository.softDelete(messageId);
    await this.attachments.discard(storageKeys);
    const deleted = this.presenter.toDto(record);
    this.events.toUsers(participantIds, 'message:deleted', { message: deleted });
    // A deleted message mentions nobody: their chats' mentionCount drops if it was unread.
    await this.chats.publish('chat:updated', deleted.chatId, mentionedBefore);
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

  /** Tells each newly mentioned participant, after the message's own event (they may show it in a notification). */
  private announceMentions(message: Message, userIds: readonly string[]): void {
    if (userIds.length === 0) return;
    this.events.toUsers(userIds, 'mention:new', { chatId: message.chatId, messageId: message.id, seq: message.seq });
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
