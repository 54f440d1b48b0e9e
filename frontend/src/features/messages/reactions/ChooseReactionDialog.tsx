import { lazy, Suspense } from 'react';
import { createPortal } from 'react-dom';
import { Dialog } from '../../../shared/ui/Dialog';

// Loaded on first use, with the emoji data it bundles (~100 kB gzip): neither is in the chat's chunk.
const EmojiPicker = lazy(async () => ({ default: (await import('./EmojiPicker')).EmojiPicker }));

interface ChooseReactionDialogProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/**
 * Any emoji as a reaction, beside the quick ones. In a portal: the message toolbar that opens it is a small
 * stacking context inside the scrolling list, which would clip or cover a dialog.
 */
export function ChooseReactionDialog({ onPick, onClose }: ChooseReactionDialogProps) {
  return createPortal(
    <Dialog title="React with any emoji" onClose={onClose}>
      <Suspense fallback={<p className="h-80 text-sm text-fg-muted">Loading emoji…</p>}>
        <EmojiPicker onPick={onPick} />
      </Suspense>
    </Dialog>,
    document.body,
  );
}
