import type { User } from '@messenger/contract';
import { describePresence } from '../lib/presence';

interface PresenceDotProps {
  user: Pick<User, 'online' | 'lastSeenAt'>;
}

/** A dot on the corner of an avatar (put both in a `relative` box); named "Online" or "Offline" for screen readers. */
export function PresenceDot({ user }: PresenceDotProps) {
  const description = describePresence(user);
  if (description === null) return null;
  return (
    <span
      role="img"
      aria-label={user.online ? 'Online' : 'Offline'}
      title={description}
      className={`absolute -right-0.5 -bottom-0.5 size-3 rounded-full ring-2 ring-surface ${
        user.online ? 'bg-success' : 'bg-border-strong'
      }`}
    />
  );
}
