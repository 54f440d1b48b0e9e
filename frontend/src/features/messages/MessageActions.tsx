import { useState } from 'react';
import { Button } from '../../shared/ui/Button';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🎉', '🙏', '👀'] as const;

interface MessageActionsProps {
  own: boolean;
  /** Shown without hovering, after a long press on a touch screen. */
  pinnedOpen: boolean;
  canEdit: boolean;
  canDelete: boolean;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onReact: (emoji: string) => void;
  onCopyLink: () => void;
}

const iconButton =
  'rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-400 focus-visible:outline-none';

/**
 * The toolbar of one message. It shows on hover, on keyboard focus inside the message, and after a long
 * press; the buttons stay in the tab order all the time, so the keyboard reaches them like any other.
 */
export function MessageActions(props: MessageActionsProps) {
  const { own, pinnedOpen, canEdit, canDelete, onReply, onEdit, onDelete, onReact, onCopyLink } = props;
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const open = pinnedOpen || picking || confirming;

  return (
    <div
      className={`absolute -top-4 z-10 flex flex-col gap-1 ${own ? 'right-2 items-end' : 'left-2 items-start'} ${
        open ? 'opacity-100' : 'opacity-0 group-focus-within:opacity-100 group-hover:opacity-100'
      }`}
    >
      <div
        role="toolbar"
        aria-label="Message actions"
        className="flex rounded-md border border-slate-200 bg-white shadow-sm"
      >
        <button type="button" className={iconButton} aria-label="Reply to message" title="Reply" onClick={onReply}>
          ↩
        </button>
        <button
          type="button"
          className={iconButton}
          aria-label="React to message"
          aria-expanded={picking}
          title="React"
          onClick={() => setPicking(!picking)}
        >
          ☺
        </button>
        <button
          type="button"
          className={iconButton}
          aria-label="Copy link to message"
          title="Copy link"
          onClick={onCopyLink}
        >
          🔗
        </button>
        {canEdit && (
          <button type="button" className={iconButton} aria-label="Edit message" title="Edit" onClick={onEdit}>
            ✎
          </button>
        )}
        {canDelete && (
          <button
            type="button"
            className={iconButton}
            aria-label="Delete message"
            title="Delete"
            onClick={() => setConfirming(true)}
          >
            🗑
          </button>
        )}
      </div>
      {picking && (
        <div
          role="group"
          aria-label="Pick a reaction"
          className="flex rounded-md border border-slate-200 bg-white shadow-sm"
        >
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className={iconButton}
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
          className="flex items-center gap-2 rounded-md border border-red-200 bg-white p-2 text-sm shadow-sm"
        >
          <span className="text-slate-700">Delete this message?</span>
          <Button
            size="sm"
            className="bg-red-600 hover:bg-red-700"
            onClick={() => {
              setConfirming(false);
              onDelete();
            }}
          >
            Delete for everyone
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
