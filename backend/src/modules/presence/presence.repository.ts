import { Prisma, type PrismaClient } from '../../db/prisma';

/** Everyone the user blocked or was blocked by: they see none of each other's presence. */
const blockedEitherWay = (userId: string) => Prisma.sql`
  SELECT blocked_id FROM user_blocks WHERE blocker_id = ${userId}::uuid
  UNION
  SELECT blocker_id FROM user_blocks WHERE blocked_id = ${userId}::uuid`;

export class PresenceRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Who hears about each of these users' presence: their contacts and everyone they share a chat with, except those
   * on either side of a block with them. One query for a whole presence window (a restarted instance's users come
   * back by the thousand); every subject is in the answer, with an empty list when nobody may see them.
   */
  async audiences(subjectIds: readonly string[]): Promise<Map<string, string[]>> {
    const audiences = new Map(subjectIds.map((id) => [id, [] as string[]]));
    if (subjectIds.length === 0) return audiences;
    const rows = await this.db.$queryRaw<{ subject: string; id: string }[]>`
      WITH subject AS (SELECT unnest(${[...subjectIds]}::uuid[]) AS id)
      SELECT subject, id FROM (
        SELECT c.user_id AS subject, c.contact_id AS id FROM contacts c JOIN subject s ON c.user_id = s.id
        UNION
        SELECT mine.user_id, other.user_id FROM chat_participants mine
        JOIN subject s ON mine.user_id = s.id
        JOIN chat_participants other ON other.chat_id = mine.chat_id AND other.user_id <> mine.user_id
      ) heard
      WHERE NOT EXISTS (
        SELECT 1 FROM user_blocks b
        WHERE (b.blocker_id = heard.subject AND b.blocked_id = heard.id)
           OR (b.blocker_id = heard.id AND b.blocked_id = heard.subject))`;
    for (const row of rows) audiences.get(row.subject)?.push(row.id);
    return audiences;
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

  /** Records when each of these users was last seen, in one statement. */
  async markSeen(lastSeen: ReadonlyMap<string, Date>): Promise<void> {
    if (lastSeen.size === 0) return;
    await this.db.$executeRaw`
      UPDATE users SET last_seen_at = seen.at
      FROM unnest(${[...lastSeen.keys()]}::uuid[], ${[...lastSeen.values()].map((at) => at.toISOString())}::timestamptz[]) AS seen(id, at)
      WHERE users.id = seen.id`;
  }
}
