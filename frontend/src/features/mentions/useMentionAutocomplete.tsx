import { mentionBeingTyped, usernameCharactersFrom } from '@messenger/contract';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { matchPeople, type MentionCandidate } from './matchPeople';
import { MentionSuggestions } from './MentionSuggestions';

interface MentionAutocompleteOptions {
  /** The composer's text, and how to change it. */
  text: string;
  onChange: (text: string) => void;
  field: RefObject<HTMLTextAreaElement | null>;
  /** Whom to suggest: none by default. */
  people?: readonly MentionCandidate[];
}

const NOBODY: readonly MentionCandidate[] = [];

export interface MentionAutocomplete {
  /** For the text field: ARIA that ties it to the suggestions. */
  fieldProps: {
    'aria-autocomplete': 'list';
    'aria-controls'?: string;
    'aria-activedescendant'?: string;
  };
  /** The caret moved or the text changed: where the caret is now. */
  caretMoved: (position: number) => void;
  /** Handles the key when the suggestions are open (arrows, Enter and Tab pick, Escape closes); false otherwise. */
  handleKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The id of a hint for the field's aria-describedby: how to mention someone. */
  hintId: string;
  /**
   * To render beside the field, in a positioned box (the listbox sits over it): the listbox while open, the hint,
   * and a polite status that says how many people match and how to choose.
   */
  elements: ReactNode;
}

/**
 * Suggests participants while an `@name` is typed at the caret (the same rule as the server's: see
 * mentionBeingTyped), and writes `@username ` for the one picked. A textarea cannot take the combobox role, so it
 * keeps its own and points at the listbox's active option with aria-activedescendant; a live region says how many
 * people match and how to choose.
 */
export function useMentionAutocomplete({ text, onChange, field, people = NOBODY }: MentionAutocompleteOptions) {
  const listboxId = useId();
  const optionId = (index: number) => `${listboxId}-option-${index}`;
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  /** Where the `@` was whose suggestions Escape closed: they stay closed for that one. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const caretAfterPick = useRef<number | null>(null);

  const typed = mentionBeingTyped(text.slice(0, caret));
  const matches = typed ? matchPeople(people, typed.name) : [];
  const open = typed !== null && matches.length > 0 && dismissedAt !== typed.start;
  const current = Math.min(active, Math.max(0, matches.length - 1));

  // Typing on narrows the list: the first match is the active one again.
  const query = typed && `${typed.start}:${typed.name}`;
  const [activeFor, setActiveFor] = useState(query);
  if (query !== activeFor) {
    setActiveFor(query);
    setActive(0);
    if (!typed) setDismissedAt(null);
  }

  function pick(person: MentionCandidate) {
    if (!typed) return;
    const end = caret + usernameCharactersFrom(text, caret);
    const mention = `@${person.username} `;
    const position = typed.start + mention.length;
    onChange(text.slice(0, typed.start) + mention + text.slice(end));
    setCaret(position);
    caretAfterPick.current = position;
  }

  // Placed once React has written the new value (the caret would land in the old text before), and before the next
  // keystroke: a frame later, a fast typist's next letter would already be in front of it.
  useLayoutEffect(() => {
    const position = caretAfterPick.current;
    if (position === null) return;
    caretAfterPick.current = null;
    field.current?.focus();
    field.current?.setSelectionRange(position, position);
  });

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || !typed || event.altKey || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing) {
      return false;
    }
    const person = matches[current];
    if (event.key === 'ArrowDown') setActive((current + 1) % matches.length);
    else if (event.key === 'ArrowUp') setActive((current - 1 + matches.length) % matches.length);
    else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && person) pick(person);
    else if (event.key === 'Escape') setDismissedAt(typed.start);
    else return false;
    event.preventDefault();
    return true;
  }

  const count = matches.length === 1 ? '1 person' : `${matches.length} people`;
  const hintId = `${listboxId}-hint`;
  return {
    fieldProps: {
      'aria-autocomplete': 'list',
      'aria-controls': open ? listboxId : undefined,
      'aria-activedescendant': open ? optionId(current) : undefined,
    },
    caretMoved: setCaret,
    handleKeyDown,
    hintId,
    elements: (
      <>
        {open && (
          <MentionSuggestions id={listboxId} people={matches} active={current} optionId={optionId} onPick={pick} />
        )}
        <p id={hintId} className="sr-only">
          @ and a name mentions someone.
        </p>
        <p role="status" className="sr-only">
          {open && `${count} to mention: Up and Down to choose, Enter to pick, Escape to close.`}
        </p>
      </>
    ),
  } satisfies MentionAutocomplete;
}
