import { isUniqueViolation } from '../../db/prisma';
import type { MessageType, UserStatus } from '../../generated/prisma/client';
import { INSERT_MENTIONS, MENTION_IDS_COLUMN } from '../mentions/mention-rows';
import type { MessageRecord } from './messages.presenter';

/** A written message as the write statements return it, flat: see WRITTEN_COLUMNS. */
export interface InsertedRow {
  id: string;
  chat_id: string;
  seq: number;
  sender_id: string | null;
  client_msg_id: string | null;
  type: MessageType;
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
  mention_ids: string[];
  reply_mention_ids: string[];
  participant_ids: string[];
}

/**
 * A batch statement that failed only because of a concurrent write (worth retrying message by message): PostgreSQL's
 * unique violation on a sender's clientMsgIds, or a deadlock.
 */
export function isConflictBetweenWrites(error: unknown): boolean {
  return isUniqueViolation(error, 'client_msg_id') || (error as { code?: string } | null)?.code === '40P01';
}

/**
 * The columns every written message returns: itself, its sender, the message it quotes (and whom that mentions),
 * whom it mentions (the statement's `mentioned` relation: see INSERT_MENTIONS) and its recipients.
 */
export const WRITTEN_COLUMNS = `
  s.username AS sender_username, s.display_name AS sender_display_name,
  s.avatar_attachment_id AS sender_avatar_attachment_id, s.status::text AS sender_status,
  r.seq AS reply_seq, r.content AS reply_content, r.deleted_at AS reply_deleted_at, r.sender_id AS reply_sender_id,
  rs.username AS reply_sender_username, rs.display_name AS reply_sender_display_name,
  rs.avatar_attachment_id AS reply_sender_avatar_attachment_id, rs.status::text AS reply_sender_status,
  ${MENTION_IDS_COLUMN},
  ARRAY(SELECT user_id::text FROM message_mentions WHERE message_id = r.id ORDER BY 1) AS reply_mention_ids,
  ARRAY(SELECT user_id::text FROM chat_participants WHERE chat_id = inserted.chat_id) AS participant_ids
FROM inserted
LEFT JOIN users s ON s.id = inserted.sender_id
LEFT JOIN messages r ON r.id = inserted.reply_to_id
LEFT JOIN users rs ON rs.id = r.sender_id`;

/**
 * insertMessage's rules for a whole batch (see createMany). Seqs follow the batch's order within each chat: a chat
 * is bumped once by its count, and its messages take the numbers below the new last_seq.
 */
export const INSERT_MANY_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[]) WITH ORDINALITY
    AS i(chat_id, sender_id, client_msg_id, content, reply_to_id, mention_names, ord)
), locked AS MATERIALIZED (
  SELECT id, type FROM chats WHERE id IN (SELECT chat_id FROM input) ORDER BY id FOR UPDATE
), allowed AS (
  SELECT i.* FROM input i JOIN locked c ON c.id = i.chat_id
  WHERE EXISTS (SELECT 1 FROM chat_participants p WHERE p.chat_id = i.chat_id AND p.user_id = i.sender_id)
    AND (c.type = 'group' OR NOT EXISTS (
      SELECT 1 FROM chat_participants other
      JOIN user_blocks b ON (b.blocker_id = other.user_id AND b.blocked_id = i.sender_id)
                         OR (b.blocker_id = i.sender_id AND b.blocked_id = other.user_id)
      WHERE other.chat_id = i.chat_id AND other.user_id <> i.sender_id))
    AND (i.reply_to_id IS NULL OR EXISTS (SELECT 1 FROM messages q WHERE q.id = i.reply_to_id AND q.chat_id = i.chat_id))
    AND NOT EXISTS (SELECT 1 FROM messages d
                    WHERE d.sender_id = i.sender_id AND d.chat_id = i.chat_id AND d.client_msg_id = i.client_msg_id)
), counts AS (
  SELECT chat_id, count(*)::int AS n FROM allowed GROUP BY chat_id
), bumped AS (
  UPDATE chats SET last_seq = chats.last_seq + counts.n, last_message_at = now(), updated_at = now()
  FROM counts WHERE chats.id = counts.chat_id
  RETURNING chats.id, chats.last_seq - counts.n AS base
), numbered AS (
  SELECT a.*, b.base + row_number() OVER (PARTITION BY a.chat_id ORDER BY a.ord) AS seq
  FROM allowed a JOIN bumped b ON b.id = a.chat_id
), inserted AS (
  INSERT INTO messages (chat_id, seq, sender_id, client_msg_id, type, content, reply_to_id, created_at)
  SELECT chat_id, seq, sender_id, client_msg_id, 'text', content, reply_to_id, now() FROM numbered
  RETURNING id, chat_id, seq, sender_id, client_msg_id, type::text AS type, content, reply_to_id, created_at
), senders AS MATERIALIZED (
  SELECT p.chat_id, p.user_id, w.seq
  FROM chat_participants p
  JOIN (SELECT chat_id, sender_id, max(seq) AS seq FROM numbered GROUP BY chat_id, sender_id) w
    ON p.chat_id = w.chat_id AND p.user_id = w.sender_id
  ORDER BY p.chat_id, p.user_id FOR UPDATE OF p
), watermark AS (
  UPDATE chat_participants p SET last_read_seq = senders.seq, last_delivered_seq = senders.seq
  FROM senders WHERE p.chat_id = senders.chat_id AND p.user_id = senders.user_id
), mentioning AS (
  SELECT ins.id, ins.chat_id, ins.seq, ins.sender_id, string_to_array(n.mention_names, ' ') AS names
  FROM inserted ins JOIN numbered n ON n.chat_id = ins.chat_id AND n.seq = ins.seq
  WHERE n.mention_names <> ''
), mentioned AS (${INSERT_MENTIONS}
)
SELECT inserted.*, numbered.ord, ${WRITTEN_COLUMNS}
JOIN numbered ON numbered.chat_id = inserted.chat_id AND numbered.seq = inserted.seq`;

export function toMessageRecord(row: InsertedRow): MessageRecord {
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
            mentions: row.reply_mention_ids.map((userId) => ({ userId })),
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
    mentions: row.mention_ids.map((userId) => ({ userId })),
    // A message is pinned only after it was written.
    pin: null,
  };
}
