import type { PrismaClient } from '../../db/prisma';
import { messageInclude } from './messages.presenter';

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
      const now = new Date();
      const { lastSeq: seq } = await tx.chat.update({
        where: { id: message.chatId },
        data: { lastSeq: { increment: 1 }, lastMessageAt: now, updatedAt: now },
        select: { lastSeq: true },
      });
      const created = await tx.message.create({
        data: { ...message, seq, type: 'text', createdAt: now },
        include: messageInclude,
      });
      await tx.chatParticipant.updateMany({
        where: { chatId: message.chatId, userId: message.senderId },
        data: { lastReadSeq: seq, lastDeliveredSeq: seq },
      });
      return created;
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
