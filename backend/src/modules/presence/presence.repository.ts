import type { PrismaClient } from '../../db/prisma';

export class PresenceRepository {
  constructor(private readonly db: PrismaClient) {}

  /** Who hears about this user's presence: their contacts and everyone they share a chat with. */
  async audience(userId: string): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT contact_id AS id FROM contacts WHERE user_id = ${userId}::uuid
      UNION
      SELECT other.user_id FROM chat_participants mine
      JOIN chat_participants other ON other.chat_id = mine.chat_id
      WHERE mine.user_id = ${userId}::uuid AND other.user_id <> ${userId}::uuid`;
    return rows.map((row) => row.id);
  }

  async markSeen(userId: string, at: Date): Promise<void> {
    await this.db.user.updateMany({ where: { id: userId }, data: { lastSeenAt: at } });
  }
}
