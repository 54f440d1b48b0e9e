import { EmojiPicker as Picker, type EmojiPickerListComponents } from 'frimousse';
import { useId } from 'react';
import { resolveEmojiData } from './emojiData';

/**
 * frimousse's parts, styled with our tokens. frimousse (Liveblocks, for React 18/19) was chosen over emoji-mart,
 * whose React wrapper predates React 19 and whose web component keeps its markup in a shadow root our styles and
 * theme cannot reach: frimousse is unstyled, ~12 kB, virtualized, and keyboard usable (arrow keys move through the
 * grid from the search field, Enter picks, the active emoji is announced).
 */
const listParts: EmojiPickerListComponents = {
  CategoryHeader: ({ category, ...props }) => (
    <div {...props} className="bg-surface-raised px-2 pt-2 pb-1 text-xs font-medium text-fg-muted">
      {category.label}
    </div>
  ),
  // frimousse counts rows and columns from 0, where ARIA counts from 1 (axe: aria-valid-attr-value). Columns are
  // shifted; rows are not, since frimousse finds the row to scroll to by its aria-rowindex: the first row, 0, goes
  // without one, so every value left is a valid one.
  Row: ({ children, 'aria-rowindex': rowIndex, ...props }) => (
    <div {...props} aria-rowindex={rowIndex || undefined} className="scroll-my-1 px-1">
      {children}
    </div>
  ),
  Emoji: ({ emoji, 'aria-colindex': columnIndex, ...props }) => (
    <button
      {...props}
      aria-colindex={columnIndex === undefined ? undefined : Number(columnIndex) + 1}
      type="button"
      className="flex size-9 items-center justify-center rounded-md text-xl data-[active]:bg-surface-hover"
    >
      {emoji.emoji}
    </button>
  ),
};

const notice = 'absolute inset-0 flex items-center justify-center text-sm text-fg-muted';

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
}

/** Every emoji, searchable by name and keyword, in the skin tone the user chooses. */
export function EmojiPicker({ onPick }: EmojiPickerProps) {
  const hintId = useId();
  return (
    <Picker.Root
      resolveEmojiData={resolveEmojiData}
      onEmojiSelect={({ emoji }) => onPick(emoji)}
      columns={8}
      className="flex h-80 w-full flex-col gap-2"
    >
      <Picker.Search
        aria-label="Search emoji"
        aria-describedby={hintId}
        placeholder="Search emoji"
        // The dialog opens on a press of "More reactions": the search is what the user came for.
        autoFocus
        className="rounded-md border border-border-strong bg-surface px-3 py-2 text-base text-fg"
      />
      <p id={hintId} className="sr-only">
        Arrow keys move through the emoji, Enter reacts with the one shown below the list.
      </p>
      <Picker.Viewport className="relative flex-1 rounded-md border border-border">
        <Picker.Loading className={notice}>Loading emoji…</Picker.Loading>
        <Picker.Empty className={notice}>No emoji found.</Picker.Empty>
        <Picker.List className="pb-1 select-none" components={listParts} />
      </Picker.Viewport>
      <div className="flex min-h-9 items-center justify-between gap-2 text-sm text-fg">
        <Picker.ActiveEmoji>
          {({ emoji }) =>
            emoji ? (
              <span className="truncate">
                <span className="text-xl">{emoji.emoji}</span> {emoji.label}
              </span>
            ) : (
              <span className="text-fg-muted">Pick an emoji</span>
            )
          }
        </Picker.ActiveEmoji>
        <Picker.SkinToneSelector className="rounded-md px-2 py-1 text-xl hover:bg-surface-hover" />
      </div>
    </Picker.Root>
  );
}
