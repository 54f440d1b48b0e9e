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
  const label = `Pinned messages (${count})`;
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-expanded={expanded}
      onClick={onToggle}
      className={buttonClass('ghost', 'md')}
    >
      <BookmarkIcon className="size-5" />
      <span aria-hidden="true">{count}</span>
    </button>
  );
}
