import type { ReactNode } from 'react';
import type { User } from '@messenger/contract';
import { formatClockTime, formatExactTime } from '../../shared/lib/time';
import { nameWithStatus } from '../../shared/lib/userName';
import { UserLink } from '../../shared/ui/UserLink';

interface BubbleProps {
  own: boolean;
  /** Named over the bubble, linking to their profile; null for our own messages. */
  sender: Pick<User, 'id' | 'displayName' | 'deactivated'> | null;
  createdAt: string;
  content: ReactNode;
  status: ReactNode;
  /** The quoted message, above the text. */
  quote?: ReactNode;
  /** Reaction chips, under the bubble. */
  reactions?: ReactNode;
  /** The hover / long-press toolbar. */
  actions?: ReactNode;
  highlighted?: boolean;
}

/** The shared look of a stored and a pending message. */
export function MessageBubble(props: BubbleProps) {
  const { own, sender, createdAt, content, status, quote, reactions, actions, highlighted = false } = props;
  return (
    <div
      className={`group relative flex max-w-[85%] flex-col md:max-w-[70%] ${own ? 'items-end self-end' : 'items-start self-start'}`}
    >
      {sender && (
        <UserLink userId={sender.id} className="px-1 text-xs font-medium text-fg-muted hover:underline">
          {nameWithStatus(sender)}
        </UserLink>
      )}
      <div
        data-highlighted={highlighted || undefined}
        // Tells assistive technology too which message the link or quote led to.
        aria-current={highlighted || undefined}
        // max-w-full: a code block's long line scrolls inside the bubble rather than widening it.
        // --code-bg: the shade of code that keeps its text at AA contrast on this bubble, in both themes.
        className={`max-w-full rounded-2xl px-3 py-2 break-words whitespace-pre-wrap ${
          own
            ? 'bg-accent text-accent-fg [--code-bg:var(--color-accent-hover)]'
            : 'border border-border bg-surface text-fg [--code-bg:var(--color-surface-strong)]'
        } ${highlighted ? 'ring-4 ring-highlight' : ''}`}
      >
        {quote}
        <div>{content}</div>
      </div>
      {reactions}
      <span className={`flex flex-wrap items-center gap-x-2 px-1 text-xs text-fg-muted ${own ? 'justify-end' : ''}`}>
        <time dateTime={createdAt} title={formatExactTime(createdAt)}>
          {formatClockTime(createdAt)}
        </time>
        {status}
      </span>
      {actions}
    </div>
  );
}
