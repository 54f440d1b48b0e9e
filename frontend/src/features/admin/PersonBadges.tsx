import type { AdminUser } from './adminApi';

const badgeClass = 'rounded-full px-2 py-0.5 text-xs font-medium';

/** What sets a person apart in the list: an admin, a deactivated account, yourself. */
export function PersonBadges({ person, isMe }: { person: AdminUser; isMe: boolean }) {
  return (
    <>
      {person.role === 'admin' && <span className={`${badgeClass} bg-surface-accent text-fg-accent`}>Admin</span>}
      {person.status === 'deactivated' && (
        <span className={`${badgeClass} bg-surface-danger text-fg-danger`}>Deactivated</span>
      )}
      {isMe && <span className={`${badgeClass} bg-surface-strong text-fg`}>You</span>}
    </>
  );
}
