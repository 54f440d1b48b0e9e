import { Prisma, type PrismaClient } from '../../db/prisma';

/** One participant's acknowledgement: everything up to `delivered` arrived, up to `read` was read. */
export interface Acknowledgement {
  chatId: string;
  userId: string;
  delivered: number;
  read: number;
}

export interface Watermarks {
  chatId: string;
  userId: string;
  previousDelivered: number;
  previousRead: number;
  delivered: number;
  read: number;
  /** Participants (other than the user) who sent a message that this rise of `delivered` covers. */
  deliveredSenders: string[];
  /** The same for `read`. */
  readSenders: string[];
  /** Messages mentioning the user that this rise of `read` covers: their chat's mentionCount fell by as many. */
  mentionsRead: number;
}

export class ReceiptsRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Raises participants' watermarks in one statement (never lowers them, never past the chat's last message);
   * reading implies delivery. No row for an acknowledgement from someone who is not a participant. Rows are
   * locked in key order, so that two instances writing overlapping batches cannot deadlock. Also says whose
   * messages each rise covers: only their senders show receipts, so only they (while still in the chat) need to
   * hear of it. And how many of the user's mentions each rise of `read` covers.
   */
  async raise(acknowledgements: readonly Acknowledgement[]): Promise<Watermarks[]> {
    if (acknowledgements.length === 0) return [];
    return this.db.$queryRaw<Watermarks[]>`
      WITH input AS (
        SELECT * FROM unnest(
          ${acknowledgements.map((a) => a.chatId)}::uuid[], ${acknowledgements.map((a) => a.userId)}::uuid[],
          ${acknowledgements.map((a) => a.delivered)}::int[], ${acknowledgements.map((a) => a.read)}::int[]
        ) AS i(chat_id, user_id, delivered, read)
      ), target AS (
        SELECT p.chat_id, p.user_id, p.last_delivered_seq, p.last_read_seq, c.last_seq, i.delivered, i.read
        FROM input i
        JOIN chat_participants p ON p.chat_id = i.chat_id AND p.user_id = i.user_id
        JOIN chats c ON c.id = p.chat_id
        ORDER BY p.chat_id, p.user_id
        FOR UPDATE OF p
      ), updated AS (
        UPDATE chat_participants p
        SET last_delivered_seq = GREATEST(p.last_delivered_seq, LEAST(GREATEST(t.delivered, t.read), t.last_seq)),
            last_read_seq = GREATEST(p.last_read_seq, LEAST(t.read, t.last_seq))
        FROM target t WHERE p.chat_id = t.chat_id AND p.user_id = t.user_id
        RETURNING p.chat_id, p.user_id, p.last_delivered_seq, p.last_read_seq
      )
      SELECT t.chat_id::text AS "chatId", t.user_id::text AS "userId",
             t.last_delivered_seq AS "previousDelivered", t.last_read_seq AS "previousRead",
             u.last_delivered_seq AS delivered, u.last_read_seq AS read,
             ${sendersBetween(Prisma.sql`t.last_delivered_seq`, Prisma.sql`u.last_delivered_seq`)} AS "deliveredSenders",
             ${sendersBetween(Prisma.sql`t.last_read_seq`, Prisma.sql`u.last_read_seq`)} AS "readSenders",
             (SELECT count(*)::int FROM message_mentions mm
              WHERE mm.user_id = t.user_id AND mm.chat_id = t.chat_id
                AND mm.seq > t.last_read_seq AND mm.seq <= u.last_read_seq) AS "mentionsRead"
      FROM target t JOIN updated u ON u.chat_id = t.chat_id AND u.user_id = t.user_id`;
  }
}

/** Current participants other than the acknowledging user who sent a message with after < seq ≤ upTo. */
function sendersBetween(after: Prisma.Sql, upTo: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ARRAY(
    SELECT DISTINCT m.sender_id::text
    FROM messages m JOIN chat_participants sender ON sender.chat_id = m.chat_id AND sender.user_id = m.sender_id
    WHERE m.chat_id = t.chat_id AND m.seq > ${after} AND m.seq <= ${upTo} AND m.sender_id <> t.user_id
  )`;
}
