import type { AdminUser } from './adminApi';
import { makeUser } from '../../test/factories';

/** An admin list entry: an active member unless told otherwise. */
export function makeAdminUser(overrides: Partial<AdminUser> & Pick<AdminUser, 'id' | 'username'>): AdminUser {
  return {
    displayName: overrides.username,
    avatarUrl: null,
    role: 'member',
    status: 'active',
    createdAt: '2026-01-10T09:00:00.000Z',
    lastSeenAt: null,
    deactivatedAt: null,
    ...overrides,
  };
}

/** The signed-in user as login sends it: with their role. */
export const signedInAs = (id: string, username: string, role: 'admin' | 'member') => ({
  ...makeUser({ id, username, displayName: username }),
  role,
  status: 'active' as const,
});
