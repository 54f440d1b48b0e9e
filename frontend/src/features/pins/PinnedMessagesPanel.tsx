import { BookmarkSlashIcon } from '@heroicons/react/20/solid';
import { MAX_PINS_PER_CHAT, type Message } from '@messenger/contract';
import { Link } from 'react-router-dom';
import { messagePath } from '../../shared/lib/paths';
import { formatShortDateTime } from '../../shared/lib/time';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { IconButton } from '../../shared/ui/IconButton';
import { SidePanel } from '../../shared/ui/SidePanel';
import { useChatPins } from './useChatPins';

interface PinnedMessagesPanelProps {
  chatId: string;
  onClose: () => void;
  /** Brings the message into view in the chat (loading the history around it when needed). */
  onJump: (messageId: string) => void;
  onUnpin: (message: Message) => void;
}

/** The chat's pinned messages, newest pin first: each leads to its place in the chat, and can be unpinned. */
export function PinnedMessagesPanel({ chatId, onClose, onJump, onUnpin }: PinnedMessagesPanelProps) {
  const { pinned, error, retry } = useChatPins(chatId);
  return (
    <SidePanel title="Pinned messages" onClose={onClose}>
      {error ? (
        <>
          <ErrorAlert message={error} />
          <Button variant="secondary" onClick={retry}>
            Try again
          </Button>
        </>
      ) : !pinned ? (
        <p className="text-sm text-fg-muted">Loading pinned messages…</p>
      ) : pinned.length === 0 ? (
        <p className="text-sm text-fg-muted">No pinned messages. Pin one for everyone from its “More actions” menu.</p>
      ) : (
        <>
          {/* The cap, before anyone runs into it. */}
          <p className="text-xs text-fg-muted">
            {pinned.length} of {MAX_PINS_PER_CHAT} pinned
          </p>
          <ul aria-label="Pinned messages" className="flex flex-col gap-2">
            {pinned.map((message) => (
              <PinnedItem key={message.id} message={message} onJump={onJump} onUnpin={onUnpin} />
            ))}
          </ul>
        </>
      )}
    </SidePanel>
  );
}

function PinnedItem({
  message,
  onJump,
  onUnpin,
}: { message: Message } & Pick<PinnedMessagesPanelProps, 'onJump' | 'onUnpin'>) {
  const text = message.content || describeAttachments(message);
  return (
    <li className="relative flex flex-col gap-1 rounded-lg border border-border bg-surface-muted px-3 py-2 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus hover:bg-surface-hover">
      <p className="flex items-center gap-2 text-xs text-fg-muted">
        <span className="truncate font-semibold text-fg">{message.sender?.displayName ?? 'Someone'}</span>
        <time dateTime={message.createdAt} className="ml-auto shrink-0">
          {formatShortDateTime(message.createdAt)}
        </time>
      </p>
      {/* The whole card jumps; the address still works in a new tab, or copied. */}
      <Link
        to={messagePath(message.chatId, message.id)}
        onClick={(event) => {
          event.preventDefault();
          onJump(message.id);
        }}
        className="line-clamp-3 text-sm break-words text-fg after:absolute after:inset-0 focus:outline-none"
      >
        <span className="sr-only">Show in chat:</span> {text}
      </Link>
      <p className="flex items-center gap-2 text-xs text-fg-muted">
        {message.pinnedBy && <span className="truncate">Pinned by {message.pinnedBy.displayName}</span>}
        <IconButton
          label="Unpin message"
          icon={BookmarkSlashIcon}
          size="sm"
          className="relative z-10 ml-auto"
          onClick={() => onUnpin(message)}
        />
      </p>
    </li>
  );
}

/** What a message without text shows of itself: its file's name, or that it is an image. */
function describeAttachments({ attachments }: Message): string {
  const [first] = attachments;
  if (!first) return '';
  const shown = first.kind === 'file' ? first.name : 'Image';
  return attachments.length > 1 ? `${shown} and ${attachments.length - 1} more` : shown;
}
