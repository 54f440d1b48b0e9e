import { BookmarkIcon } from '@heroicons/react/20/solid';
import { buttonClass } from '../../shared/ui/Button';
import { useChatPins } from './useChatPins';

interface PinnedMessagesButtonProps {
  chatId: string;
  /** Whether the panel it opens is open. */
  expanded: boolean;
  onToggle: () => void;
}

/** The chat header's way to the pinned messages, with their count; absent while the chat has none. */
export function PinnedMessagesButton({ chatId, expanded, onToggle }: PinnedMessagesButtonProps) {
  const { pinned } = useChatPins(chatId);
  const count = pinned?.length ?? 0;
  if (count === 0 && !expanded) return null;
  return (
    // Named by its visible count (WCAG 2.5.3), then what it counts: "3 pinned messages".
    <button
      type="button"
      title="Pinned messages"
      aria-expanded={expanded}
      onClick={onToggle}
      className={buttonClass('ghost', 'md')}
    >
      <BookmarkIcon className="size-5" />
      <span>{count}</span> <span className="sr-only">{count === 1 ? 'pinned message' : 'pinned messages'}</span>
    </button>
  );
}
