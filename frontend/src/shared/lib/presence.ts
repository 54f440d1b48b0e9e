import type { User } from '../api/types';
import { formatRelativeTime } from './time';

/** "Online", "Last seen 5 minutes ago", or "Offline" for someone never seen (or who hides it). */
export function describePresence(user: Pick<User, 'online' | 'lastSeenAt'>, now: Date = new Date()): string {
  if (user.online) return 'Online';
  if (user.lastSeenAt) return `Last seen ${formatRelativeTime(user.lastSeenAt, now)}`;
  return 'Offline';
}
