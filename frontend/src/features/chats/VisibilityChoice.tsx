import { useId } from 'react';
import type { GroupVisibility } from '@messenger/contract';

const options: { value: GroupVisibility; label: string; hint: string }[] = [
  { value: 'private', label: 'Private', hint: 'Only people the owner adds can join.' },
  { value: 'open', label: 'Open', hint: 'Anyone can find it under Browse groups and join.' },
];

interface VisibilityChoiceProps {
  value: GroupVisibility;
  onChange: (value: GroupVisibility) => void;
  disabled?: boolean;
}

/** Who may join a group: two radio buttons, each with what it means. */
export function VisibilityChoice({ value, onChange, disabled = false }: VisibilityChoiceProps) {
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-1" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium text-fg">Who can join</legend>
      {options.map((option) => {
        const inputId = `${name}-${option.value}`;
        return (
          <div key={option.value} className="flex items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-surface-hover">
            <input
              id={inputId}
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={`${inputId}-hint`}
              className="mt-1"
            />
            <span>
              <label htmlFor={inputId} className="font-medium text-fg">
                {option.label}
              </label>
              <span id={`${inputId}-hint`} className="block text-xs text-fg-muted">
                {option.hint}
              </span>
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}
