import type { AdminUser } from '@messenger/contract';
import type { User } from '../../generated/prisma/client';
import { toUserSummary, userSummarySelect, type UserSummaryRecord } from '../users/users.presenter';

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
