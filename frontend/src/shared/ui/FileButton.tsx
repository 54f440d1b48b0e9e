import type { ReactNode } from 'react';
import { buttonClass } from './Button';

interface FileButtonProps {
  /** The accessible name of the file input. */
  label: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
  /** What the button shows: text, or an icon (the label then names it). */
  children: ReactNode;
  iconOnly?: boolean;
}

/** A file input that looks like a secondary button; the input itself keeps the focus and the keyboard. */
export function FileButton({
  label,
  accept,
  multiple,
  disabled,
  onFiles,
  children,
  iconOnly = false,
}: FileButtonProps) {
  return (
    <label
      title={iconOnly ? label : undefined}
      className={`${buttonClass('secondary', 'md', iconOnly)} cursor-pointer has-disabled:cursor-not-allowed has-disabled:text-fg-muted has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-focus`}
    >
      <input
        type="file"
        accept={accept}
        multiple={multiple}
        aria-label={label}
        disabled={disabled}
        className="sr-only"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // The same file may be chosen again after removing it.
          event.target.value = '';
          onFiles(files);
        }}
      />
      {children}
    </label>
  );
}
