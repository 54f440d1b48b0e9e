import { ComputerDesktopIcon, MoonIcon, SunIcon } from '@heroicons/react/20/solid';
import type { Icon } from '../../shared/ui/Icon';
import { useThemeStore, type ThemeChoice } from '../../shared/theme/themeStore';

const options: { choice: ThemeChoice; label: string; icon: Icon }[] = [
  { choice: 'system', label: 'System', icon: ComputerDesktopIcon },
  { choice: 'light', label: 'Light', icon: SunIcon },
  { choice: 'dark', label: 'Dark', icon: MoonIcon },
];

/** Light, dark, or whichever the system uses; remembered on this device. */
export function ThemeSection() {
  const choice = useThemeStore((state) => state.choice);
  const choose = useThemeStore((state) => state.choose);
  return (
    <section aria-labelledby="appearance-title" className="flex flex-col gap-3 card p-6">
      <h2 id="appearance-title" className="text-base font-semibold text-fg">
        Appearance
      </h2>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm text-fg-muted">Theme on this device</legend>
        <div className="flex flex-wrap gap-2">
          {options.map(({ choice: option, label, icon: OptionIcon }) => (
            <label
              key={option}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-2 text-sm font-medium text-fg hover:bg-surface-hover has-checked:border-accent has-checked:bg-surface-accent has-checked:text-fg-accent has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-focus"
            >
              <input
                type="radio"
                name="theme"
                value={option}
                checked={choice === option}
                onChange={() => choose(option)}
                className="sr-only"
              />
              <OptionIcon className="size-4" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
