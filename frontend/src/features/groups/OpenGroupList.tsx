import { MAX_GROUP_PARTICIPANTS, type OpenGroup } from '@messenger/contract';
import { Avatar } from '../../shared/ui/Avatar';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { DISCOVER_PAGE_SIZE } from './discoverApi';
import type { OpenGroupSearch } from './useOpenGroupSearch';

interface OpenGroupListProps {
  search: OpenGroupSearch;
  /** What `search` answers; empty for every open group. */
  query: string;
  joining: boolean;
  onJoin: (group: OpenGroup) => void;
}

const members = (count: number) => `${count} ${count === 1 ? 'member' : 'members'}`;

/** The open groups found, each with a Join button (or why it cannot be joined). */
export function OpenGroupList({ search, query, joining, onJoin }: OpenGroupListProps) {
  if (search.status === 'loading') return <p className="text-sm text-fg-muted">Searching…</p>;
  if (search.status === 'failed') return <ErrorAlert message={search.error} />;
  const { groups } = search;
  if (groups.length === 0) {
    return (
      <p className="text-sm text-fg-muted">
        {query
          ? `No open groups match “${query}”.`
          : 'No open groups to join yet. Any group owner can open theirs in its Group info.'}
      </p>
    );
  }
  return (
    <>
      <ul aria-label="Open groups" className="divide-y divide-border">
        {groups.map((group) => (
          <li key={group.id} className="flex items-center gap-3 py-2">
            <Avatar name={group.name} url={group.avatarUrl} />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-fg">{group.name}</span>
              <span className="block truncate text-sm text-fg-muted">
                {members(group.memberCount)}
                {group.owner && ` · owner ${group.owner.displayName}`}
              </span>
            </span>
            {group.memberCount >= MAX_GROUP_PARTICIPANTS ? (
              <span className="shrink-0 text-sm text-fg-muted">Full</span>
            ) : (
              <Button
                variant="secondary"
                size="sm"
                disabled={joining}
                aria-label={`Join ${group.name}`}
                onClick={() => onJoin(group)}
              >
                Join
              </Button>
            )}
          </li>
        ))}
      </ul>
      {groups.length >= DISCOVER_PAGE_SIZE && (
        <p className="text-sm text-fg-muted">
          The {DISCOVER_PAGE_SIZE} largest are shown: search by name to find others.
        </p>
      )}
    </>
  );
}
