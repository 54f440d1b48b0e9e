import { forwardRef } from 'react';
import type { ContextProp, ItemProps, ListProps } from 'react-virtuoso';
import { Button } from '../../shared/ui/Button';
import type { TimelineRow } from './timelineRows';

/**
 * Virtuoso renders into these: an ordered list whose items are the messages. Markers (day separators, the
 * unread line) sit in the list for layout but are not list items to assistive technology, so the list
 * counts messages only.
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
  item,
  context: _context,
  ...rest
}: ItemProps<TimelineRow> & ContextProp<PagingContext>) {
  const isMarker = item.kind === 'day' || item.kind === 'unread';
  return (
    <li {...rest} role={isMarker ? 'none' : undefined} className="flex flex-col py-1">
      {children}
    </li>
  );
}

export function DaySeparator({ label }: { label: string }) {
  return (
    <p className="my-2 flex items-center gap-3 text-xs font-medium text-slate-500">
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
      {label}
      <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
    </p>
  );
}

export function UnreadMarker() {
  return (
    <p className="my-2 flex items-center gap-3 text-xs font-semibold text-red-600">
      <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
      New messages
      <span aria-hidden="true" className="h-px flex-1 bg-red-300" />
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
