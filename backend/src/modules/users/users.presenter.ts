import type { User } from '../../generated/prisma/client';
import type { Presence } from '../../realtime/presence';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  online: boolean;
  lastSeenAt: string | null;
}

export interface PrivateUser extends PublicUser {
  createdAt: string;
}

export type UserRecord = Pick<User, 'id' | 'username' | 'displayName' | 'avatarAttachmentId' | 'lastSeenAt'>;

/** The columns every public user needs; select only these so password hashes never leave the repository. */
export const publicUserSelect = {
  id: true,
  username: true,
  displayName: true,
  avatarAttachmentId: true,
  lastSeenAt: true,
} as const;

export function avatarUrl(attachmentId: string | null): string | null {
  return attachmentId ? `/api/attachments/${attachmentId}/thumbnail` : null;
}

export class UserPresenter {
  constructor(private readonly presence: Presence) {}

  toPublic(user: UserRecord): PublicUser {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      avatarUrl: avatarUrl(user.avatarAttachmentId),
      online: this.presence.isOnline(user.id),
      lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
    };
  }

  toPrivate(user: UserRecord & { createdAt: Date }): PrivateUser {
    return { ...this.toPublic(user), createdAt: user.createdAt.toISOString() };
  }
}
