import type { User } from '../../generated/prisma/client';
import { toUserSummary, userSummarySelect, type UserSummary, type UserSummaryRecord } from '../users/users.presenter';

/** A person as the admin list shows them. */
export interface AdminUser extends UserSummary {
  role: User['role'];
  status: User['status'];
  createdAt: string;
  lastSeenAt: string | null;
  deactivatedAt: string | null;
}

export const adminUserSelect = {
  ...userSummarySelect,
  role: true,
  createdAt: true,
  lastSeenAt: true,
  deactivatedAt: true,
} as const;

export type AdminUserRecord = UserSummaryRecord & Pick<User, 'role' | 'createdAt' | 'lastSeenAt' | 'deactivatedAt'>;

export function toAdminUser(user: AdminUserRecord): AdminUser {
  return {
    ...toUserSummary(user),
    role: user.role,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
  };
}
