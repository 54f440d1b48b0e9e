import type { Chat } from '@messenger/contract';
import { Avatar } from '../../shared/ui/Avatar';
import { Button } from '../../shared/ui/Button';
import { UserLink } from '../../shared/ui/UserLink';

interface GroupMembersProps {
  chat: Chat;
  currentUserId: string;
  isOwner: boolean;
  pending: boolean;
  onRemove: (userId: string) => void;
  onMakeOwner: (userId: string) => void;
}

/** The owner first, then everyone by name; the owner may remove others or hand the group over. */
export function GroupMembers({ chat, currentUserId, isOwner, pending, onRemove, onMakeOwner }: GroupMembersProps) {
  const members = chat.participants.toSorted(
    (a, b) =>
      Number(b.role === 'owner') - Number(a.role === 'owner') || a.user.displayName.localeCompare(b.user.displayName),
  );
  return (
    <section aria-labelledby="group-members-title" className="flex flex-col gap-2">
      <h3 id="group-members-title" className="text-sm font-semibold text-fg">
        Members ({members.length})
      </h3>
      <ul className="flex max-h-72 flex-col gap-1 overflow-y-auto">
        {members.map(({ user, role }) => (
          <li key={user.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1">
            <UserLink userId={user.id} className="group flex min-w-40 flex-1 items-center gap-2">
              <Avatar name={user.displayName} url={user.avatarUrl} />
              <span className="min-w-0">
                <span className="block truncate text-sm font-medium text-fg group-hover:underline">
                  {user.displayName}
                  {user.id === currentUserId && ' (you)'}
                </span>
                <span className="text-xs text-fg-muted">{role === 'owner' ? 'Owner' : 'Member'}</span>
              </span>
            </UserLink>
            {isOwner && user.id !== currentUserId && (
              <span className="ml-11 flex flex-wrap gap-1">
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => onMakeOwner(user.id)}>
                  Make {user.displayName} owner
                </Button>
                <Button size="sm" variant="ghost" disabled={pending} onClick={() => onRemove(user.id)}>
                  Remove {user.displayName}
                </Button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
