import type { Prisma, PrismaClient } from '../../db/prisma';
import { messageInclude } from './messages.presenter';

type Transaction = Prisma.TransactionClient;

export interface NewMessage {
  chatId: string;
  senderId: string;
  clientMsgId: string;
  content: string;
  replyToId?: string;
}

export class MessagesRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * The one write path for a message: takes the chat's next seq and inserts in one transaction, so seqs have no
   * gaps even under concurrent senders. The sender has read everything up to their own message.
   */
  create(message: NewMessage) {
    return this.db.$transaction(async (tx) => {
      const created = await insertMessage(tx, { ...message, type: 'text' });
      await tx.chatParticipant.updateMany({
        where: { chatId: message.chatId, userId: message.senderId },
        data: { lastReadSeq: created.seq, lastDeliveredSeq: created.seq },
      });
      return created;
    });
  }

  /** Who may change a message: its sender, and in a group its owner (for deletion). */
  findForChange(messageId: string) {
    return this.db.message.findUnique({
      where: { id: messageId },
      select: {
        id: true,
        chatId: true,
        senderId: true,
        type: true,
        deletedAt: true,
        chat: { select: { type: true, ownerId: true } },
      },
    });
  }

  findById(messageId: string) {
    return this.db.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude });
  }

  edit(messageId: string, content: string) {
    return this.db.message.update({
      where: { id: messageId },
      data: { content, editedAt: new Date() },
      include: messageInclude,
    });
  }

  /** Soft delete: the message keeps its place (and seq) but loses its text, images and reactions. */
  softDelete(messageId: string) {
    return this.db.$transaction(async (tx) => {
      await tx.attachment.deleteMany({ where: { messageId } });
      await tx.messageReaction.deleteMany({ where: { messageId } });
      return tx.message.update({
        where: { id: messageId },
        data: { content: '', deletedAt: new Date() },
        include: messageInclude,
      });
    });
  }

  async addReaction(messageId: string, userId: string, emoji: string): Promise<void> {
    await this.db.messageReaction.createMany({ data: [{ messageId, userId, emoji }], skipDuplicates: true });
  }

  async removeReaction(messageId: string, userId: string, emoji: string): Promise<void> {
    await this.db.messageReaction.deleteMany({ where: { messageId, userId, emoji } });
  }

  reactions(messageId: string) {
    return this.db.messageReaction.findMany({
      where: { messageId },
      select: { emoji: true, userId: true },
      orderBy: { createdAt: 'asc' },
    });
  }

  findByClientMsgId(senderId: string, clientMsgId: string) {
    return this.db.message.findUnique({
      where: { senderId_clientMsgId: { senderId, clientMsgId } },
      include: messageInclude,
    });
  }

  findInChat(chatId: string, messageId: string) {
    return this.db.message.findFirst({ where: { id: messageId, chatId }, select: { id: true, seq: true } });
  }

  async lastSeq(chatId: string): Promise<number> {
    const chat = await this.db.chat.findUnique({ where: { id: chatId }, select: { lastSeq: true } });
    return chat?.lastSeq ?? 0;
  }

  /** Messages are never removed from a chat (deletion is soft), so seq 1..lastSeq is a contiguous range. */
  listSeqRange(chatId: string, fromSeq: number, toSeq: number) {
    return this.db.message.findMany({
      where: { chatId, seq: { gte: fromSeq, lte: toSeq } },
      include: messageInclude,
      orderBy: { seq: 'asc' },
    });
  }
}

/**
 * Appends a message to a chat inside the caller's transaction: it takes the chat's next seq (the row lock of the
 * UPDATE orders concurrent senders), so seqs have no gaps. Every message, user or system, is written here.
 */
export async function insertMessage(
  tx: Transaction,
  message: Omit<NewMessage, 'senderId' | 'clientMsgId'> & {
    senderId: string | null;
    clientMsgId?: string;
    type: 'text' | 'system';
  },
) {
  const now = new Date();
  const { lastSeq: seq } = await tx.chat.update({
    where: { id: message.chatId },
    data: { lastSeq: { increment: 1 }, lastMessageAt: now, updatedAt: now },
    select: { lastSeq: true },
  });
  return tx.message.create({ data: { ...message, seq, createdAt: now }, include: messageInclude });
}
