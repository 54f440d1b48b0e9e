import { forwardRef } from 'react';
import type { ContextProp, ItemProps, ListProps } from 'react-virtuoso';
import { Button } from '../../shared/ui/Button';
import type { TimelineRow } from './timelineRows';

/**
 * Virtuoso renders into these: an ordered list whose items are the messages and the markers between them (day
 * separators, the unread line). The markers are list items too: an <ol> may hold nothing else (axe's "list" rule).
 */
export const TimelineList = forwardRef<HTMLOListElement, ListProps & ContextProp<PagingContext>>(
  // `context` is Virtuoso's, not an attribute for the element.
  function TimelineList({ children, style, context: _context, ...rest }, ref) {
    return (
      <ol {...rest} ref={ref} style={style} className="flex flex-col px-4">
        {children}
      </ol>
    );
  },
);

export function TimelineItem({
  children,
  item: _item,
  context: _context,
  ...rest
}: ItemProps<TimelineRow> & ContextProp<PagingContext>) {
  return (
    <li {...rest} className="flex flex-col py-1">
      {children}
    </li>
  );
}

export function DaySeparator({ label }: { label: string }) {
  return (
    <p className="my-2 flex items-center gap-3 text-xs font-medium text-fg-muted">
      <span aria-hidden="true" className="h-px flex-1 bg-surface-strong" />
      {label}
      <span aria-hidden="true" className="h-px flex-1 bg-surface-strong" />
    </p>
  );
}

export function UnreadMarker() {
  return (
    <p className="my-2 flex items-center gap-3 text-xs font-semibold text-fg-danger">
      <span aria-hidden="true" className="h-px flex-1 bg-danger/40" />
      New messages
      <span aria-hidden="true" className="h-px flex-1 bg-danger/40" />
    </p>
  );
}

/** What the list's header and footer need from the list; passed as Virtuoso's context so they stay mounted. */
export interface PagingContext {
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
  pending: boolean;
  loadEarlier: () => void;
  loadLater: () => void;
  jumpToLatest: () => void;
}

/** Scrolling up loads earlier messages by itself; the button is there for the keyboard. */
export function TimelineHeader({ context }: ContextProp<PagingContext>) {
  if (!context.hasMoreBefore) return null;
  return (
    <div className="flex justify-center pt-3">
      <Button variant="secondary" disabled={context.pending} onClick={context.loadEarlier}>
        Load earlier messages
      </Button>
    </div>
  );
}

export function TimelineFooter({ context }: ContextProp<PagingContext>) {
  if (!context.hasMoreAfter) return null;
  return (
    <div className="flex justify-center gap-2 pb-3">
      <Button variant="secondary" disabled={context.pending} onClick={context.loadLater}>
        Load newer messages
      </Button>
      <Button variant="ghost" onClick={context.jumpToLatest}>
        Jump to latest
      </Button>
    </div>
  );
}
