import { BoldIcon, ChatBubbleBottomCenterTextIcon, CodeBracketIcon, ItalicIcon } from '@heroicons/react/20/solid';
import type { MouseEvent } from 'react';
import type { Icon } from '../../shared/ui/Icon';
import { IconButton } from '../../shared/ui/IconButton';
import type { FormatAction } from './wrapSelection';

interface ComposerToolbarProps {
  onFormat: (action: FormatAction) => void;
}

const BUTTONS: { action: FormatAction; label: string; title: string; icon: Icon }[] = [
  { action: 'bold', label: 'Bold', title: 'Bold (Ctrl+B)', icon: BoldIcon },
  { action: 'italic', label: 'Italic', title: 'Italic (Ctrl+I)', icon: ItalicIcon },
  { action: 'code', label: 'Code', title: 'Code (Ctrl+E); several lines become a code block', icon: CodeBracketIcon },
  { action: 'quote', label: 'Quote', title: 'Quote the selected lines', icon: ChatBubbleBottomCenterTextIcon },
];

// Keeps the textarea's selection: a mouse press would otherwise move the focus and collapse it.
const keepSelection = (event: MouseEvent) => event.preventDefault();

/** Applies the contract's Markdown (`**bold**`, `_italic_`, `` `code` ``, `> quote`) to the composer's selection. */
export function ComposerToolbar({ onFormat }: ComposerToolbarProps) {
  return (
    <div role="toolbar" aria-label="Formatting" className="flex gap-1">
      {BUTTONS.map(({ action, label, title, icon }) => (
        <IconButton
          key={action}
          label={label}
          title={title}
          icon={icon}
          size="sm"
          onMouseDown={keepSelection}
          onClick={() => onFormat(action)}
        />
      ))}
    </div>
  );
}
