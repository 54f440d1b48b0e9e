import { BoldIcon, ItalicIcon } from '@heroicons/react/20/solid';
import type { MouseEvent } from 'react';
import { IconButton } from '../../shared/ui/IconButton';

export type FormatMarker = '**' | '_';

interface ComposerToolbarProps {
  onFormat: (marker: FormatMarker) => void;
}

// Keeps the textarea's selection: a mouse press would otherwise move the focus and collapse it.
const keepSelection = (event: MouseEvent) => event.preventDefault();

/** Wraps the composer's selection in the contract's markup (`**bold**`, `_italic_`). */
export function ComposerToolbar({ onFormat }: ComposerToolbarProps) {
  return (
    <div role="toolbar" aria-label="Formatting" className="flex gap-1">
      <IconButton
        label="Bold"
        title="Bold (Ctrl+B)"
        icon={BoldIcon}
        size="sm"
        onMouseDown={keepSelection}
        onClick={() => onFormat('**')}
      />
      <IconButton
        label="Italic"
        title="Italic (Ctrl+I)"
        icon={ItalicIcon}
        size="sm"
        onMouseDown={keepSelection}
        onClick={() => onFormat('_')}
      />
    </div>
  );
}
