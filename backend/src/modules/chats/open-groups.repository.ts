import { escapeLike } from '../../db/like-pattern';
import { Prisma, type PrismaClient } from '../../db/prisma';
import type { UserSummaryRecord } from '../users/users.presenter';

/** An open group as discovery lists it. */
export interface OpenGroupRecord {
  id: string;
  name: string;
  avatarAttachmentId: string | null;
  createdAt: Date;
  memberCount: number;
  owner: UserSummaryRecord | null;
}

interface OpenGroupRow extends Omit<OpenGroupRecord, 'owner'> {
  ownerId: string | null;
  ownerUsername: string | null;
  ownerDisplayName: string | null;
  ownerAvatarAttachmentId: string | null;
  ownerStatus: UserSummaryRecord['status'] | null;
}

/** Finding open groups (joining one is ChatsRepository.addParticipants). */
export class OpenGroupsRepository {
  constructor(private readonly db: PrismaClient) {}

  /**
   * Open groups the viewer is not in, whose names contain `query` (any case), largest first. Groups whose owner
   * and the viewer have blocked one another (either way) are left out: joining them is refused too.
   */
  async discover(viewerId: string, query: string, limit: number): Promise<OpenGroupRecord[]> {
    const nameMatches = query ? Prisma.sql`AND c.name ILIKE ${`%${escapeLike(query)}%`}` : Prisma.empty;
    const rows = await this.db.$queryRaw<OpenGroupRow[]>`
      SELECT c.id::text AS id, c.name, c.avatar_attachment_id::text AS "avatarAttachmentId",
             c.created_at AS "createdAt", count(p.user_id)::int AS "memberCount",
             o.id::text AS "ownerId", o.username AS "ownerUsername", o.display_name AS "ownerDisplayName",
             o.avatar_attachment_id::text AS "ownerAvatarAttachmentId", o.status::text AS "ownerStatus"
      FROM chats c
      JOIN chat_participants p ON p.chat_id = c.id
      LEFT JOIN users o ON o.id = c.owner_id
      WHERE c.visibility = 'open' AND c.type = 'group' ${nameMatches}
        AND NOT EXISTS (SELECT 1 FROM chat_participants me WHERE me.chat_id = c.id AND me.user_id = ${viewerId}::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM user_blocks b
          WHERE (b.blocker_id = c.owner_id AND b.blocked_id = ${viewerId}::uuid)
             OR (b.blocker_id = ${viewerId}::uuid AND b.blocked_id = c.owner_id))
      GROUP BY c.id, o.id
      ORDER BY "memberCount" DESC, c.name, c.id
      LIMIT ${limit}`;
    return rows.map(({ ownerId, ownerUsername, ownerDisplayName, ownerAvatarAttachmentId, ownerStatus, ...group }) => ({
      ...group,
      owner:
        ownerId && ownerUsername && ownerDisplayName && ownerStatus
          ? {
              id: ownerId,
              username: ownerUsername,
              displayName: ownerDisplayName,
              avatarAttachmentId: ownerAvatarAttachmentId,
              status: ownerStatus,
            }
          : null,
    }));
  }
}
