import type { MentionCandidate } from './matchPeople';

interface MentionSuggestionsProps {
  id: string;
  people: readonly MentionCandidate[];
  /** Index of the option the arrow keys are on. */
  active: number;
  optionId: (index: number) => string;
  onPick: (person: MentionCandidate) => void;
}

/**
 * The listbox of people to mention, over the composer. The focus stays in the text field, which points at the
 * active option with aria-activedescendant; a click picks without taking the focus from the field.
 */
export function MentionSuggestions({ id, people, active, optionId, onPick }: MentionSuggestionsProps) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="People to mention"
      className="absolute bottom-full left-0 z-20 mb-1 max-h-64 w-72 max-w-full overflow-y-auto rounded-md border border-border bg-surface-raised py-1 shadow-lg"
    >
      {people.map((person, index) => (
        <li
          key={person.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === active}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(person)}
          className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm ${
            index === active ? 'bg-surface-accent' : 'hover:bg-surface-hover'
          }`}
        >
          <span className="truncate font-medium text-fg">{person.displayName}</span>
          <span className="truncate text-fg-muted">@{person.username}</span>
        </li>
      ))}
    </ul>
  );
}
