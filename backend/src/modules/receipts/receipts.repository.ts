import type { PrismaClient } from '../../db/prisma';

export interface Watermarks {
  previousDelivered: number;
  previousRead: number;
  delivered: number;
  read: number;
}

export class ReceiptsRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Raises a participant's watermarks (never lowers them, never past the chat's last message); reading implies
   * delivery. Null when the user is not a participant.
   */
  async raise(chatId: string, userId: string, delivered: number, read: number): Promise<Watermarks | null> {
    const rows = await this.db.$queryRaw<Watermarks[]>`
      WITH target AS (
        SELECT p.chat_id, p.user_id, p.last_delivered_seq, p.last_read_seq, c.last_seq
        FROM chat_participants p JOIN chats c ON c.id = p.chat_id
        WHERE p.chat_id = ${chatId}::uuid AND p.user_id = ${userId}::uuid
        FOR UPDATE OF p
      ), updated AS (
        UPDATE chat_participants p
        SET last_delivered_seq = GREATEST(p.last_delivered_seq, LEAST(GREATEST(${delivered}::int, ${read}::int), t.last_seq)),
            last_read_seq = GREATEST(p.last_read_seq, LEAST(${read}::int, t.last_seq))
        FROM target t WHERE p.chat_id = t.chat_id AND p.user_id = t.user_id
        RETURNING p.last_delivered_seq, p.last_read_seq
      )
      SELECT t.last_delivered_seq AS "previousDelivered", t.last_read_seq AS "previousRead",
             u.last_delivered_seq AS delivered, u.last_read_seq AS read
      FROM target t CROSS JOIN updated u`;
    return rows[0] ?? null;
  }
}
