import type { UserSummary } from '@messenger/contract';

/** Someone's display name, marked when their account is deactivated: their messages stay, they do not answer. */
export function nameWithStatus(user: Pick<UserSummary, 'displayName' | 'deactivated'>): string {
  return user.deactivated ? `${user.displayName} (deactivated)` : user.displayName;
}
