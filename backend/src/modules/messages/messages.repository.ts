import { Prisma, type PrismaClient } from '../../db/prisma';
import { messageInclude, type MessageRecord } from './messages.presenter';
import type { UserStatus } from '../../generated/prisma/client';

type Transaction = Prisma.TransactionClient;

export interface NewMessage {
  chatId: string;
  senderId: string;
  clientMsgId: string;
  content: string;
  replyToId?: string;
}

/** Some of the images are not the sender's own unused uploads (someone else's, already sent, or gone). */
export const ATTACHMENTS_UNAVAILABLE = 'attachments-unavailable';

/** A message as written, with the chat's participants at that moment: the recipients of its event. */
export interface WrittenMessage {
  record: MessageRecord;
  participantIds: string[];
}

export class MessagesRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * A user's message; null when the sender is not (or no longer) a participant of the chat, or replies to a message
   * that is not in it.
   */
  create(
    message: NewMessage & { attachmentIds?: string[] },
  ): Promise<WrittenMessage | null | typeof ATTACHMENTS_UNAVAILABLE> {
    const { attachmentIds = [], ...text } = message;
    if (attachmentIds.length === 0) return insertMessage(this.db, { ...text, type: 'text' });
    // Images: the uploads are locked, checked to be the sender's and unused, and claimed with the message.
    return this.db.$transaction(async (tx) => {
      const claimable = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM attachments
        WHERE id = ANY(${attachmentIds}::uuid[]) AND uploader_id = ${message.senderId}::uuid AND message_id IS NULL
        FOR UPDATE`;
      if (claimable.length !== attachmentIds.length) return ATTACHMENTS_UNAVAILABLE;
      const created = await insertMessage(tx, { ...text, type: 'image' });
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

  edit(messageId: string, content: string) {
    return this.db.message.update({
      where: { id: messageId },
      data: { content, editedAt: new Date() },
      include: messageInclude,
    });
  }

  /**
   * Soft delete: the message keeps its place (and seq) but loses its text, images and reactions. Returns the
   * storage keys of its images, to be removed once this has committed.
   */
  softDelete(messageId: string) {
    return this.db.$transaction(async (tx) => {
      const images = await tx.attachment.findMany({
        where: { messageId },
        select: { storageKey: true, thumbnailKey: true },
      });
      await tx.attachment.deleteMany({ where: { messageId } });
      await tx.messageReaction.deleteMany({ where: { messageId } });
      const message = await tx.message.update({
        where: { id: messageId },
        data: { content: '', deletedAt: new Date() },
        include: messageInclude,
      });
      return { message, storageKeys: images.flatMap((image) => [image.storageKey, image.thumbnailKey]) };
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

interface InsertedRow {
  id: string;
  chat_id: string;
  seq: number;
  sender_id: string | null;
  client_msg_id: string | null;
  type: 'text' | 'image' | 'system';
  content: string;
  reply_to_id: string | null;
  created_at: Date;
  sender_username: string | null;
  sender_display_name: string | null;
  sender_avatar_attachment_id: string | null;
  sender_status: UserStatus | null;
  reply_seq: number | null;
  reply_content: string | null;
  reply_deleted_at: Date | null;
  reply_sender_id: string | null;
  reply_sender_username: string | null;
  reply_sender_display_name: string | null;
  reply_sender_avatar_attachment_id: string | null;
  reply_sender_status: UserStatus | null;
  participant_ids: string[];
}

/**
 * The one write path for every message, user or system: a single SQL statement that takes the chat's next seq
 * (the row lock of the UPDATE orders concurrent senders, so seqs have no gaps), inserts the message, raises the
 * sender's read watermark to it, and returns it with its sender, quoted reply and the chat's participants. One
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
    type: 'text' | 'image' | 'system';
  },
): Promise<WrittenMessage | null> {
  const { chatId, senderId, clientMsgId = null, type, content, replyToId = null } = message;
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
    )
    SELECT inserted.*,
           s.username AS sender_username, s.display_name AS sender_display_name,
           s.avatar_attachment_id AS sender_avatar_attachment_id, s.status::text AS sender_status,
           r.seq AS reply_seq, r.content AS reply_content, r.deleted_at AS reply_deleted_at, r.sender_id AS reply_sender_id,
           rs.username AS reply_sender_username, rs.display_name AS reply_sender_display_name,
           rs.avatar_attachment_id AS reply_sender_avatar_attachment_id, rs.status::text AS reply_sender_status,
           ARRAY(SELECT user_id::text FROM chat_participants WHERE chat_id = inserted.chat_id) AS participant_ids
    FROM inserted
    LEFT JOIN users s ON s.id = inserted.sender_id
    LEFT JOIN messages r ON r.id = inserted.reply_to_id
    LEFT JOIN users rs ON rs.id = r.sender_id`;
  const row = rows[0];
  return row ? { record: toMessageRecord(row), participantIds: row.participant_ids } : null;
}

/**
 * A system message ("Ann added Bob"), written inside the transaction that made the change it records; its
 * participantIds are the members as that transaction leaves them, the recipients of the change's events.
 */
export async function insertSystemMessage(tx: Transaction, chatId: string, content: string): Promise<WrittenMessage> {
  const written = await insertMessage(tx, { chatId, senderId: null, type: 'system', content });
  if (!written) throw new Error(`chat ${chatId} vanished while recording "${content}"`);
  return written;
}

function toMessageRecord(row: InsertedRow): MessageRecord {
  const user = (
    id: string | null,
    username: string | null,
    displayName: string | null,
    avatar: string | null,
    status: UserStatus | null,
  ) =>
    id && username && displayName && status ? { id, username, displayName, avatarAttachmentId: avatar, status } : null;
  return {
    id: row.id,
    chatId: row.chat_id,
    seq: row.seq,
    senderId: row.sender_id,
    clientMsgId: row.client_msg_id,
    type: row.type,
    content: row.content,
    replyToId: row.reply_to_id,
    editedAt: null,
    deletedAt: null,
    createdAt: row.created_at,
    sender: user(
      row.sender_id,
      row.sender_username,
      row.sender_display_name,
      row.sender_avatar_attachment_id,
      row.sender_status,
    ),
    replyTo:
      row.reply_to_id && row.reply_seq !== null
        ? {
            id: row.reply_to_id,
            seq: row.reply_seq,
            content: row.reply_content ?? '',
            deletedAt: row.reply_deleted_at,
            sender: user(
              row.reply_sender_id,
              row.reply_sender_username,
              row.reply_sender_display_name,
              row.reply_sender_avatar_attachment_id,
              row.reply_sender_status,
            ),
          }
        : null,
    attachments: [],
    reactions: [],
  };
}
