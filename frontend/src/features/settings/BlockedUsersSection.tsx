import { useEffect, useState } from 'react';
import { fetchBlockedUsers, unblockUser } from '../../shared/api/blocksApi';
import { getErrorMessage } from '../../shared/api/errors';
import type { BlockedUser } from '@messenger/contract';
import { Avatar } from '../../shared/ui/Avatar';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { UserLink } from '../../shared/ui/UserLink';
import { nameWithStatus } from '../../shared/lib/userName';

/** The people I blocked, each with the way back. */
export function BlockedUsersSection() {
  const [blocked, setBlocked] = useState<BlockedUser[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAsyncAction();

  useEffect(() => {
    // Only the answer of the effect still in place: React may run it twice, and an earlier answer must not
    // replace a list changed since.
    let current = true;
    fetchBlockedUsers().then(
      (loaded) => current && setBlocked(loaded),
      (error: unknown) => current && setLoadError(getErrorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, []);

  function unblock(user: BlockedUser) {
    setDone(null);
    action.run(async () => {
      await unblockUser(user.id);
      setBlocked((current) => current?.filter((candidate) => candidate.id !== user.id) ?? null);
      setDone(`Unblocked ${user.displayName}.`);
    });
  }

  return (
    <section aria-labelledby="blocked-title" className="flex flex-col gap-3 card p-6">
      <h2 id="blocked-title" className="text-base font-semibold text-fg">
        Blocked users
      </h2>
      <p className="text-sm text-fg-muted">
        They cannot message you in your direct chat, send you contact requests or see when you are online. Groups you
        share are not affected.
      </p>
      <ErrorAlert message={loadError ?? action.error} />
      <StatusMessage message={done} />
      {blocked === null && !loadError && <p className="text-sm text-fg-muted">Loading blocked users…</p>}
      {blocked?.length === 0 && <p className="text-sm text-fg-muted">You have not blocked anyone.</p>}
      {blocked && blocked.length > 0 && (
        <ul aria-label="Blocked users" className="divide-y divide-border">
          {blocked.map((user) => (
            <li key={user.id} className="flex items-center gap-3 py-2">
              <Avatar name={user.displayName} url={user.avatarUrl} />
              <span className="min-w-0 flex-1">
                <UserLink userId={user.id} className="block truncate font-medium text-fg hover:underline">
                  {nameWithStatus(user)}
                </UserLink>
                <span className="block truncate text-sm text-fg-muted">@{user.username}</span>
              </span>
              <Button
                variant="secondary"
                size="sm"
                disabled={action.pending}
                aria-label={`Unblock ${user.username}`}
                onClick={() => unblock(user)}
              >
                Unblock
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
