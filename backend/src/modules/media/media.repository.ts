import type { PrismaClient } from '../../db/prisma';
import type { AttachmentKind } from '../../generated/prisma/client';

export interface NewAttachment {
  id: string;
  uploaderId: string;
  kind: AttachmentKind;
  mime: string;
  size: number;
  name: string;
  /** Images only, as is the thumbnail. */
  width: number | null;
  height: number | null;
  storageKey: string;
  thumbnailKey: string | null;
}

/** An attachment as the one who may see it opens it. */
export interface VisibleAttachment {
  kind: AttachmentKind;
  mime: string;
  name: string;
  storageKey: string;
  thumbnailKey: string | null;
}

export class MediaRepository {
  constructor(private readonly db: PrismaClient) {}

  create(attachment: NewAttachment) {
    return this.db.attachment.create({ data: attachment });
  }

  /** What this user uploaded since `since`: the bytes stored, and when the oldest of those uploads was made. */
  async uploadedSince(uploaderId: string, since: Date): Promise<{ bytes: number; oldest: Date | null }> {
    const { _sum, _min } = await this.db.attachment.aggregate({
      where: { uploaderId, createdAt: { gt: since } },
      _sum: { size: true },
      _min: { createdAt: true },
    });
    return { bytes: _sum.size ?? 0, oldest: _min.createdAt };
  }

  /** Deletes uploads older than `before` that nothing uses, returning their storage keys. */
  deleteAbandoned(before: Date) {
    return this.db.$queryRaw<{ storageKey: string; thumbnailKey: string | null }[]>`
      DELETE FROM attachments a
      WHERE a.message_id IS NULL AND a.created_at < ${before}
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_attachment_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.avatar_attachment_id = a.id)
      RETURNING a.storage_key AS "storageKey", a.thumbnail_key AS "thumbnailKey"`;
  }

  /**
   * The attachment if this user may see it: they uploaded it, it is in a message of a chat they are in now, or it is
   * someone's (user or group) avatar, which every signed-in user may see.
   */
  async findVisible(attachmentId: string, userId: string): Promise<VisibleAttachment | null> {
    const rows = await this.db.$queryRaw<VisibleAttachment[]>`
      SELECT a.kind, a.mime, a.name, a.storage_key AS "storageKey", a.thumbnail_key AS "thumbnailKey"
      FROM attachments a
      WHERE a.id = ${attachmentId}::uuid AND (
        a.uploader_id = ${userId}::uuid
        OR EXISTS (
          SELECT 1 FROM messages m JOIN chat_participants p ON p.chat_id = m.chat_id
          WHERE m.id = a.message_id AND p.user_id = ${userId}::uuid)
        OR EXISTS (SELECT 1 FROM users u WHERE u.avatar_attachment_id = a.id)
        OR EXISTS (SELECT 1 FROM chats c WHERE c.avatar_attachment_id = a.id))`;
    return rows[0] ?? null;
  }
}
