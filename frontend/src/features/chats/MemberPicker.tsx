import type { User } from '@messenger/contract';

interface MemberPickerProps {
  legend: string;
  candidates: User[];
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
}

/** Checkboxes, one per person, labelled with their display name. */
export function MemberPicker({ legend, candidates, selected, onChange }: MemberPickerProps) {
  function toggle(userId: string) {
    const next = new Set(selected);
    if (next.has(userId)) next.delete(userId);
    else next.add(userId);
    onChange(next);
  }

  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium text-fg">{legend}</legend>
      {candidates.length === 0 ? (
        <p className="text-sm text-fg-muted">No contacts to add.</p>
      ) : (
        <ul className="flex max-h-60 flex-col gap-1 overflow-y-auto">
          {candidates.map((user) => (
            <li key={user.id}>
              <label className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-surface-hover">
                <input type="checkbox" checked={selected.has(user.id)} onChange={() => toggle(user.id)} />
                {user.displayName}
                <span aria-hidden="true" className="text-xs text-fg-muted">
                  @{user.username}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
