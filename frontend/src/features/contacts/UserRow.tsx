import type { ReactNode } from 'react';
import type { User } from '@messenger/contract';
import { Avatar } from '../../shared/ui/Avatar';
import { UserLink } from '../../shared/ui/UserLink';
import { LivePresenceDot } from '../presence';

interface UserRowProps {
  user: User;
  /** Contacts show whether they are online; strangers' presence is not ours to show in lists. */
  showPresence?: boolean;
  /** Buttons or a status for this user. */
  children: ReactNode;
}

export function UserRow({ user, showPresence = false, children }: UserRowProps) {
  return (
    <li className="flex items-center gap-3 py-2">
      <span className="relative shrink-0">
        <Avatar name={user.displayName} url={user.avatarUrl} />
        {showPresence && <LivePresenceDot user={user} />}
      </span>
      <span className="min-w-0 flex-1">
        <UserLink userId={user.id} className="block truncate font-medium text-fg hover:underline">
          {user.displayName}
        </UserLink>
        <span className="block truncate text-sm text-fg-muted">@{user.username}</span>
      </span>
      <span className="flex shrink-0 items-center gap-2">{children}</span>
    </li>
  );
}
