import { BookmarkIcon } from '@heroicons/react/20/solid';
import type { UserSummary } from '@messenger/contract';

/** Beside a message's time: it is pinned in its chat, and by whom (spelled out for screen readers too). */
export function PinnedMark({ pinnedBy }: { pinnedBy: UserSummary | null }) {
  const by = pinnedBy && `by ${pinnedBy.displayName}`;
  return (
    <span className="inline-flex items-center gap-0.5" title={by ? `Pinned ${by}` : 'Pinned'}>
      <BookmarkIcon className="size-3" />
      Pinned{by && <span className="sr-only"> {by}</span>}
    </span>
  );
}
