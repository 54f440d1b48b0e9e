export type FormatMarker = '**' | '_';

interface ComposerToolbarProps {
  onFormat: (marker: FormatMarker) => void;
}

const buttonClass =
  'rounded px-2 py-0.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-400 focus-visible:outline-none';

/** Wraps the composer's selection in the contract's markup (`**bold**`, `_italic_`). */
export function ComposerToolbar({ onFormat }: ComposerToolbarProps) {
  return (
    <div role="toolbar" aria-label="Formatting" className="flex gap-1">
      {/* Keeps the textarea's selection: a mouse press would otherwise move the focus and collapse it. */}
      <button
        type="button"
        aria-label="Bold"
        title="Bold (Ctrl+B)"
        className={`${buttonClass} font-bold`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => onFormat('**')}
      >
        B
      </button>
      <button
        type="button"
        aria-label="Italic"
        title="Italic (Ctrl+I)"
        className={`${buttonClass} italic`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => onFormat('_')}
      >
        I
      </button>
    </div>
  );
}
