import {
  ArrowUturnLeftIcon,
  BookmarkIcon,
  BookmarkSlashIcon,
  DocumentDuplicateIcon,
  EllipsisHorizontalIcon,
  FaceSmileIcon,
  LinkIcon,
  PencilSquareIcon,
  TrashIcon,
} from '@heroicons/react/20/solid';
import { useState } from 'react';
import { Button } from '../../shared/ui/Button';
import { IconButton } from '../../shared/ui/IconButton';
import { Menu, type MenuItem } from '../../shared/ui/Menu';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🎉', '🙏', '👀'] as const;

interface MessageActionsProps {
  own: boolean;
  /** Shown without hovering, after a long press on a touch screen. */
  keptOpen: boolean;
  /** The message is pinned in its chat: the menu offers to unpin it. */
  pinned: boolean;
  canEdit: boolean;
  canDelete: boolean;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onReact: (emoji: string) => void;
  onTogglePin: () => void;
  onCopyLink: () => void;
  /** Absent for a message without text. */
  onCopyText?: () => void;
}

const popover = 'flex rounded-md border border-border bg-surface-raised shadow-sm';

/**
 * The toolbar of one message: the frequent actions, then pinning and the copying ones in a menu. It shows on hover, on keyboard
 * focus inside the message, and after a long press; the buttons stay in the tab order all the time, so the
 * keyboard reaches them like any other.
 */
export function MessageActions(props: MessageActionsProps) {
  const { own, keptOpen, pinned, canEdit, canDelete, onReply, onEdit, onDelete, onReact, onTogglePin, onCopyLink } =
    props;
  const { onCopyText } = props;
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const open = keptOpen || picking || confirming;

  const more: MenuItem[] = [
    pinned
      ? { label: 'Unpin message', icon: BookmarkSlashIcon, onSelect: onTogglePin }
      : { label: 'Pin message', icon: BookmarkIcon, onSelect: onTogglePin },
    ...(onCopyText ? [{ label: 'Copy text', icon: DocumentDuplicateIcon, onSelect: onCopyText }] : []),
    { label: 'Copy link to message', icon: LinkIcon, onSelect: onCopyLink },
  ];

  return (
    <div
      className={`absolute -top-4 z-10 flex flex-col gap-1 ${own ? 'right-2 items-end' : 'left-2 items-start'} ${
        open ? 'opacity-100' : 'opacity-0 group-focus-within:opacity-100 group-hover:opacity-100'
      }`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        setPicking(false);
        setConfirming(false);
      }}
    >
      <div role="toolbar" aria-label="Message actions" className={popover}>
        <IconButton label="Reply to message" icon={ArrowUturnLeftIcon} size="sm" onClick={onReply} />
        <IconButton
          label="React to message"
          icon={FaceSmileIcon}
          size="sm"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
        />
        {canEdit && <IconButton label="Edit message" icon={PencilSquareIcon} size="sm" onClick={onEdit} />}
        {canDelete && (
          <IconButton label="Delete message" icon={TrashIcon} size="sm" onClick={() => setConfirming(true)} />
        )}
        <Menu label="More actions" icon={EllipsisHorizontalIcon} size="sm" items={more} />
      </div>
      {picking && (
        <div role="group" aria-label="Pick a reaction" className={popover}>
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="rounded-md px-2 py-1 text-sm hover:bg-surface-hover"
              aria-label={`React with ${emoji}`}
              onClick={() => {
                setPicking(false);
                onReact(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      {confirming && (
        <div
          role="alertdialog"
          aria-label="Delete this message?"
          className="flex items-center gap-2 rounded-md border border-border bg-surface-raised p-2 text-sm shadow-sm"
        >
          <span className="text-fg">Delete this message?</span>
          <Button
            size="sm"
            variant="danger"
            onClick={() => {
              setConfirming(false);
              onDelete();
            }}
          >
            Delete for everyone
          </Button>
          {/* Focused first: the safe choice is the default one. */}
          <Button size="sm" variant="secondary" autoFocus onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
