import { mentionedUsernames } from '@messenger/contract';
import type pg from 'pg';
import { databasePool, Prisma, type PrismaClient } from '../../db/prisma';
import type { MessageType } from '../../generated/prisma/client';
import { INSERT_MENTIONS } from '../mentions/mention-rows';
import { INSERT_MANY_SQL, toMessageRecord, WRITTEN_COLUMNS, type InsertedRow } from './message-rows';
import { messageInclude, type MessageRecord } from './messages.presenter';

type Transaction = Prisma.TransactionClient;

export interface NewMessage {
  chatId: string;
  senderId: string;
  clientMsgId: string;
  content: string;
  replyToId?: string;
}

/** Some of the attachments are not the sender's own unused uploads (someone else's, already sent, or gone). */
export const ATTACHMENTS_UNAVAILABLE = 'attachments-unavailable';

/** A message as written, with the chat's participants at that moment: the recipients of its event. */
export interface WrittenMessage {
  record: MessageRecord;
  participantIds: string[];
}

export class MessagesRepository {
  constructor(
    private readonly db: PrismaClient,
    private readonly pool: pg.Pool = databasePool(db),
  ) {}

  /**
   * Many users' text messages in one statement and one commit (group commit: see MessagesService.send), each under
   * the same rules as insertMessage. The result is in input order: null for a message that was not written (the
   * sender is not a participant, a block, a reply to a message of another chat, or a clientMsgId the sender already
   * used in that chat). Chats are locked in id order, and the senders' participant rows in key order, so that two
   * instances' batches and the receipts' batches cannot deadlock. A unique violation (the same clientMsgId twice in
   * the batch, or sent concurrently through another instance) fails the whole statement: the caller retries each
   * message on its own.
   */
  async createMany(messages: readonly NewMessage[]): Promise<(WrittenMessage | null)[]> {
    const { rows } = await this.pool.query<InsertedRow & { ord: string }>(INSERT_MANY_SQL, [
      messages.map((m) => m.chatId),
      messages.map((m) => m.senderId),
      messages.map((m) => m.clientMsgId),
      messages.map((m) => m.content),
      messages.map((m) => m.replyToId ?? null),
      // One string per message: a batch's arrays cannot be ragged. Usernames have no spaces.
      messages.map((m) => mentionedUsernames(m.content).join(' ')),
    ]);
    const written: (WrittenMessage | null)[] = messages.map(() => null);
    for (const row of rows) {
      written[Number(row.ord) - 1] = { record: toMessageRecord(row), participantIds: row.participant_ids };
    }
    return written;
  }

  /**
   * A user's message; null when the sender is not (or no longer) a participant of the chat, or replies to a message
   * that is not in it.
   */
  create(
    message: NewMessage & { attachmentIds?: string[] },
  ): Promise<WrittenMessage | null | typeof ATTACHMENTS_UNAVAILABLE> {
    const { attachmentIds = [], ...text } = message;
    if (attachmentIds.length === 0) return insertMessage(this.db, { ...text, type: 'text' });
    // Attachments: the uploads are locked, checked to be the sender's and unused, and claimed with the message, which
    // is a file message as soon as one of them is a file.
    return this.db.$transaction(async (tx) => {
      const claimable = await tx.$queryRaw<{ kind: 'image' | 'file' }[]>`
        SELECT kind FROM attachments
        WHERE id = ANY(${attachmentIds}::uuid[]) AND uploader_id = ${message.senderId}::uuid AND message_id IS NULL
        FOR UPDATE`;
      if (claimable.length !== attachmentIds.length) return ATTACHMENTS_UNAVAILABLE;
      const type = claimable.some(({ kind }) => kind === 'file') ? 'file' : 'image';
      const created = await insertMessage(tx, { ...text, type });
      if (!created) return null;
      const messageId = created.record.id;
      await tx.attachment.updateMany({ where: { id: { in: attachmentIds } }, data: { messageId } });
      const record = await tx.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude });
      return { record, participantIds: created.participantIds };
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

  /**
   * New text, and the mentions it makes in place of the old ones (the participants as they are now). Returns the
   * message and whom it mentioned before. The message's row lock, taken first, orders concurrent edits.
   */
  edit(messageId: string, content: string) {
    return this.db.$transaction(async (tx) => {
      await tx.message.update({ where: { id: messageId }, data: { content, editedAt: new Date() } });
      const before = await tx.messageMention.findMany({ where: { messageId }, select: { userId: true } });
      await tx.messageMention.deleteMany({ where: { messageId } });
      await tx.$executeRaw`
        WITH mentioning AS (
          SELECT id, chat_id, seq, sender_id, ${mentionedUsernames(content)}::text[] AS names
          FROM messages WHERE id = ${messageId}::uuid AND deleted_at IS NULL
        ) ${Prisma.raw(INSERT_MENTIONS)}`;
      const message = await tx.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude });
      return { message, mentionedBefore: before.map((mention) => mention.userId) };
    });
  }

  /**
   * Soft delete: the message keeps its place (and seq) but loses its text, attachments, reactions, mentions and
   * pin. Returns the storage keys of its attachments, to be removed once this has committed, and whom it mentioned.
   */
  softDelete(messageId: string) {
    return this.db.$transaction(async (tx) => {
      const attachments = await tx.attachment.findMany({
        where: { messageId },
        select: { storageKey: true, thumbnailKey: true },
      });
      const mentions = await tx.messageMention.findMany({ where: { messageId }, select: { userId: true } });
      await tx.attachment.deleteMany({ where: { messageId } });
      await tx.messageReaction.deleteMany({ where: { messageId } });
      await tx.messageMention.deleteMany({ where: { messageId } });
      const deleted = await tx.message.update({
        where: { id: messageId },
        data: { content: '', deletedAt: new Date() },
        include: messageInclude,
      });
      // After the update, which waits for a pin being written at this moment (PinsRepository holds the row): a pin
      // committed meanwhile goes too.
      await tx.messagePin.deleteMany({ where: { messageId } });
      return {
        message: { ...deleted, pin: null },
        storageKeys: attachments.flatMap((attachment) => [attachment.storageKey, attachment.thumbnailKey]),
        mentionedBefore: mentions.map((mention) => mention.userId),
      };
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

  findByClientMsgId(senderId: string, chatId: string, clientMsgId: string) {
    return this.db.message.findUnique({
      where: { senderId_chatId_clientMsgId: { senderId, chatId, clientMsgId } },
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
 * The one write path for every message, user or system: a single SQL statement that takes the chat's next seq
 * (the row lock of the UPDATE orders concurrent senders, so seqs have no gaps), inserts the message and its mentions,
 * raises the sender's read watermark to it, and returns it with its sender, quoted reply, mentions and the chat's
 * participants. One
 * round trip (the access check and the recipients included: a send costs no other query), and the chat row is
 * locked only for the statement itself. A user's message is written only while they are a participant, not into a
 * direct chat with a block between its two users, and a reply only to a message of the same chat; otherwise nothing
 * is written and the result is null.
 */
export async function insertMessage(
  db: PrismaClient | Transaction,
  message: Omit<NewMessage, 'senderId' | 'clientMsgId'> & {
    senderId: string | null;
    clientMsgId?: string;
    type: MessageType;
  },
): Promise<WrittenMessage | null> {
  const { chatId, senderId, clientMsgId = null, type, content, replyToId = null } = message;
  // System messages name people by their display names: they mention nobody.
  const mentionNames = senderId ? mentionedUsernames(content) : [];
  const membership = senderId
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM chat_participants WHERE chat_id = ${chatId}::uuid AND user_id = ${senderId}::uuid)`
    : Prisma.empty;
  // In a direct chat, a block either way stops messages both ways (groups are unaffected: `OR` stops there for them).
  const unblocked = senderId
    ? Prisma.sql`AND (chats.type = 'group' OR NOT EXISTS (
        SELECT 1 FROM chat_participants other
        JOIN user_blocks b ON (b.blocker_id = other.user_id AND b.blocked_id = ${senderId}::uuid)
                           OR (b.blocker_id = ${senderId}::uuid AND b.blocked_id = other.user_id)
        WHERE other.chat_id = chats.id AND other.user_id <> ${senderId}::uuid))`
    : Prisma.empty;
  const quotable = replyToId
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM messages WHERE id = ${replyToId}::uuid AND chat_id = ${chatId}::uuid)`
    : Prisma.empty;
  const rows = await db.$queryRaw<InsertedRow[]>`
    WITH bumped AS (
      UPDATE chats SET last_seq = last_seq + 1, last_message_at = now(), updated_at = now()
      WHERE id = ${chatId}::uuid ${membership} ${unblocked} ${quotable}
      RETURNING id, last_seq
    ), inserted AS (
      INSERT INTO messages (chat_id, seq, sender_id, client_msg_id, type, content, reply_to_id, created_at)
      SELECT id, last_seq, ${senderId}::uuid, ${clientMsgId}, ${type}::"MessageType", ${content}, ${replyToId}::uuid, now()
      FROM bumped
      RETURNING id, chat_id, seq, sender_id, client_msg_id, type::text AS type, content, reply_to_id, created_at
    ), watermark AS (
      UPDATE chat_participants SET last_read_seq = inserted.seq, last_delivered_seq = inserted.seq
      FROM inserted WHERE chat_participants.chat_id = inserted.chat_id AND chat_participants.user_id = inserted.sender_id
    ), mentioning AS (
      SELECT id, chat_id, seq, sender_id, ${mentionNames}::text[] AS names FROM inserted
    ), mentioned AS (${Prisma.raw(INSERT_MENTIONS)})
    SELECT inserted.*, ${Prisma.raw(WRITTEN_COLUMNS)}`;
  const row = rows[0];
  return row ? { record: toMessageRecord(row), participantIds: row.participant_ids } : null;
}

/**
 * A system message ("Ann added Bob"), written inside the transaction that made the change it records; its
 * participantIds are the members as that transaction leaves them, the recipients of the change's events. It may
 * quote the message the change is about (`replyToId`: "Ann pinned a message").
 */
export async function insertSystemMessage(
  tx: Transaction,
  chatId: string,
  content: string,
  replyToId?: string,
): Promise<WrittenMessage> {
  const written = await insertMessage(tx, { chatId, senderId: null, type: 'system', content, replyToId });
  if (!written) throw new Error(`chat ${chatId} vanished while recording "${content}"`);
  return written;
}
