import type { User } from '@messenger/contract';
import { formatRelativeTime } from './time';

/**
 * "Online", "Last seen 5 minutes ago", or "Offline" for someone never seen; null for someone whose presence is not
 * ours to see (neither a contact nor someone we share a chat with).
 */
export function describePresence(user: Pick<User, 'online' | 'lastSeenAt'>, now: Date = new Date()): string | null {
  if (user.online === null) return null;
  if (user.online) return 'Online';
  if (user.lastSeenAt) return `Last seen ${formatRelativeTime(user.lastSeenAt, now)}`;
  return 'Offline';
}
