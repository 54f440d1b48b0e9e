import { Prisma, type PrismaClient } from '../../db/prisma';
import type { UserRecord } from './users.presenter';
import { publicUserSelect } from './users.presenter';

const privateUserSelect = { ...publicUserSelect, createdAt: true } as const;

export class UsersRepository {
  constructor(private readonly db: PrismaClient) {}

  findPrivateById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: privateUserSelect });
  }

  findPublicById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: publicUserSelect });
  }

  /**
   * Best matches first: exact username, username prefix, display-name prefix (of any word), then trigram
   * similarity. Every condition is served by the trigram indexes; fuzzy matching needs 3+ characters to mean anything.
   */
  search(term: string, excludeUserId: string, limit: number): Promise<UserRecord[]> {
    const query = term.toLowerCase();
    const prefix = `${escapeLike(query)}%`;
    const wordPrefix = `% ${escapeLike(query)}%`;
    const fuzzy =
      query.length >= 3
        ? Prisma.sql`OR display_name ILIKE ${`%${escapeLike(query)}%`}
            OR username_normalized % ${query} OR display_name % ${query}`
        : Prisma.empty;
    return this.db.$queryRaw<UserRecord[]>`
      SELECT id, username, display_name AS "displayName", avatar_attachment_id AS "avatarAttachmentId",
             last_seen_at AS "lastSeenAt"
      FROM users
      WHERE id <> ${excludeUserId}::uuid
        AND (username_normalized LIKE ${prefix} OR display_name ILIKE ${prefix} OR display_name ILIKE ${wordPrefix}
             ${fuzzy})
      ORDER BY username_normalized = ${query} DESC,
               username_normalized LIKE ${prefix} DESC,
               (display_name ILIKE ${prefix} OR display_name ILIKE ${wordPrefix}) DESC,
               greatest(similarity(username_normalized, ${query}), similarity(display_name, ${query})) DESC,
               username_normalized
      LIMIT ${limit}`;
  }

  updateProfile(id: string, data: { displayName?: string; avatarAttachmentId?: string | null }) {
    return this.db.user.update({ where: { id }, data, select: privateUserSelect });
  }

  async ownsAttachment(userId: string, attachmentId: string): Promise<boolean> {
    return (await this.db.attachment.count({ where: { id: attachmentId, uploaderId: userId } })) > 0;
  }

  async isContact(userId: string, otherId: string): Promise<boolean> {
    const row = await this.db.contact.findUnique({
      where: { userId_contactId: { userId, contactId: otherId } },
      select: { userId: true },
    });
    return row !== null;
  }
}

/** LIKE treats % and _ as wildcards; usernames may contain _. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
