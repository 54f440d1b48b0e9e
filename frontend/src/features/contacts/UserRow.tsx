import type { ReactNode } from 'react';
import type { User } from '../../shared/api/types';
import { Avatar } from '../../shared/ui/Avatar';

interface UserRowProps {
  user: User;
  /** Buttons or a status for this user. */
  children: ReactNode;
}

export function UserRow({ user, children }: UserRowProps) {
  return (
    <li className="flex items-center gap-3 py-2">
      <Avatar name={user.displayName} url={user.avatarUrl} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium text-slate-900">{user.displayName}</span>
        <span className="block truncate text-sm text-slate-500">@{user.username}</span>
      </span>
      <span className="flex shrink-0 items-center gap-2">{children}</span>
    </li>
  );
}
