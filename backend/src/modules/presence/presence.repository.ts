import { Prisma, type PrismaClient } from '../../db/prisma';

/** Everyone the user blocked or was blocked by: they see none of each other's presence. */
const blockedEitherWay = (userId: string) => Prisma.sql`
  SELECT blocked_id FROM user_blocks WHERE blocker_id = ${userId}::uuid
  UNION
  SELECT blocker_id FROM user_blocks WHERE blocked_id = ${userId}::uuid`;

export class PresenceRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Who hears about this user's presence: their contacts and everyone they share a chat with, except those on
   * either side of a block with them.
   */
  async audience(userId: string): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      (SELECT contact_id AS id FROM contacts WHERE user_id = ${userId}::uuid
       UNION
       SELECT other.user_id FROM chat_participants mine
       JOIN chat_participants other ON other.chat_id = mine.chat_id
       WHERE mine.user_id = ${userId}::uuid AND other.user_id <> ${userId}::uuid)
      EXCEPT (${blockedEitherWay(userId)})`;
    return rows.map((row) => row.id);
  }

  /**
   * Of these users, those whose presence the viewer may see: the viewer themselves, their contacts and everyone they
   * share a chat with now, unless a block stands between them (the audience above, seen from the other side). One
   * query for a whole response.
   */
  async visibleTo(viewerId: string, userIds: readonly string[]): Promise<Set<string>> {
    const others = userIds.filter((id) => id !== viewerId);
    const visible = new Set(userIds.includes(viewerId) ? [viewerId] : []);
    if (others.length === 0) return visible;
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      (SELECT contact_id AS id FROM contacts WHERE user_id = ${viewerId}::uuid AND contact_id = ANY(${others}::uuid[])
       UNION
       SELECT other.user_id FROM chat_participants mine
       JOIN chat_participants other ON other.chat_id = mine.chat_id
       WHERE mine.user_id = ${viewerId}::uuid AND other.user_id = ANY(${others}::uuid[]))
      EXCEPT (${blockedEitherWay(viewerId)})`;
    for (const row of rows) visible.add(row.id);
    return visible;
  }

  async markSeen(userId: string, at: Date): Promise<void> {
    await this.db.user.updateMany({ where: { id: userId }, data: { lastSeenAt: at } });
  }
}
