import type { CurrentUser, User as PublicUser, UserSummary } from '@messenger/contract';
import type { User } from '../../generated/prisma/client';
import type { Presence } from '../../realtime/presence';

export type UserSummaryRecord = Pick<User, 'id' | 'username' | 'displayName' | 'avatarAttachmentId' | 'status'>;
export type UserRecord = UserSummaryRecord & Pick<User, 'lastSeenAt'>;

/** The columns a user summary needs; select only these so password hashes never leave the repository. */
export const userSummarySelect = {
  id: true,
  username: true,
  displayName: true,
  avatarAttachmentId: true,
  status: true,
} as const;

export const publicUserSelect = { ...userSummarySelect, lastSeenAt: true } as const;

/** What the user themselves sees of their account (CurrentUser). */
export const privateUserSelect = { ...publicUserSelect, createdAt: true, role: true, status: true } as const;
export type PrivateUserRecord = UserRecord & Pick<User, 'createdAt' | 'role'>;

export function avatarUrl(attachmentId: string | null): string | null {
  return attachmentId ? `/api/attachments/${attachmentId}/thumbnail` : null;
}

export function toUserSummary(user: UserSummaryRecord): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: avatarUrl(user.avatarAttachmentId),
    ...(user.status === 'deactivated' && { deactivated: true as const }),
  };
}

export class UserPresenter {
  constructor(private readonly presence: Presence) {}

  /** `showPresence`: the viewer may see this user's presence; decided by the caller's access check. */
  toPublic(user: UserRecord, showPresence: boolean): PublicUser {
    return {
      ...toUserSummary(user),
      online: showPresence ? this.presence.isOnline(user.id) : null,
      lastSeenAt: showPresence ? (user.lastSeenAt?.toISOString() ?? null) : null,
    };
  }

  toPrivate(user: PrivateUserRecord): CurrentUser {
    return {
      ...this.toPublic(user, true),
      createdAt: user.createdAt.toISOString(),
      role: user.role,
      status: user.status,
    };
  }
}
