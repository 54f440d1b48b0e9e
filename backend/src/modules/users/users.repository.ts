import { escapeLike } from '../../db/like-pattern';
import { Prisma, type PrismaClient } from '../../db/prisma';
import type { UserRecord } from './users.presenter';
import { privateUserSelect, publicUserSelect } from './users.presenter';

export class UsersRepository {
  constructor(private readonly db: PrismaClient) {}

  findPrivateById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: privateUserSelect });
  }

  findPublicById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: publicUserSelect });
  }

  /**
   * Best matches first, in tiers: the exact username, username prefixes (a range scan of the unique index, which
   * is in byte order), then display names with a word starting with the term. Only when none of those match does
   * it fall back to fuzzy matching (3+ characters, for typos), ranked by trigram distance inside the GiST indexes.
   * Later tiers run only while the page is not full; each is an index scan that stops at the page size.
   * Deactivated accounts are never found.
   */
  async search(term: string, excludeUserId: string, limit: number): Promise<UserRecord[]> {
    const query = term.toLowerCase();
    const prefix = `${escapeLike(query)}%`;
    const found = new Map<string, UserRecord>();
    const collect = async (condition: Prisma.Sql, byName = false) => {
      if (found.size >= limit) return;
      const rows = await this.db.$queryRaw<UserRecord[]>`
        SELECT id, username, display_name AS "displayName", avatar_attachment_id AS "avatarAttachmentId",
               last_seen_at AS "lastSeenAt", status
        FROM users WHERE id <> ${excludeUserId}::uuid AND status = 'active' AND ${condition} LIMIT ${limit}`;
      if (byName) rows.sort((a, b) => a.displayName.localeCompare(b.displayName));
      for (const row of rows) if (found.size < limit && !found.has(row.id)) found.set(row.id, row);
    };

    await collect(Prisma.sql`username_normalized = ${query}`);
    await collect(Prisma.sql`username_normalized LIKE ${prefix} ORDER BY username_normalized`);
    // A word inside a name needs a trigram to be found by the index: 3+ characters.
    const wordStart = query.length >= 3 ? Prisma.sql`OR display_name ILIKE ${`% ${escapeLike(query)}%`}` : Prisma.empty;
    await collect(Prisma.sql`(display_name ILIKE ${prefix} ${wordStart})`, true);
    if (found.size === 0 && query.length >= 3) {
      await collect(Prisma.sql`display_name % ${query} ORDER BY display_name <-> ${query}`);
      await collect(Prisma.sql`username_normalized % ${query} ORDER BY username_normalized <-> ${query}`);
    }
    return [...found.values()];
  }

  updateProfile(id: string, data: { displayName?: string; avatarAttachmentId?: string | null }) {
    return this.db.user.update({ where: { id }, data, select: privateUserSelect });
  }

  async ownsImage(userId: string, attachmentId: string): Promise<boolean> {
    return (await this.db.attachment.count({ where: { id: attachmentId, uploaderId: userId, kind: 'image' } })) > 0;
  }

  async isContact(userId: string, otherId: string): Promise<boolean> {
    const row = await this.db.contact.findUnique({
      where: { userId_contactId: { userId, contactId: otherId } },
      select: { userId: true },
    });
    return row !== null;
  }
}
