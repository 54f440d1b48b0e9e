import { useId } from 'react';
import { Button } from '../../shared/ui/Button';
import { copyLink } from './copyLink';

interface LinkFieldProps {
  label: string;
  url: string;
  /** The Copy button's accessible name, when several are on one page: it starts with the visible "Copy link". */
  copyLabel?: string;
}

/** A link shown whole in a read-only field (selected on focus, for copying by hand) with a Copy button. */
export function LinkField({ label, url, copyLabel = 'Copy link' }: LinkFieldProps) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-fg">
        {label}
      </label>
      <div className="flex min-w-0 gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
          className="min-w-0 flex-1 rounded-md border border-border-strong bg-surface px-3 py-2 font-mono text-sm text-fg"
        />
        <Button variant="secondary" aria-label={copyLabel} onClick={() => copyLink(url)}>
          Copy link
        </Button>
      </div>
    </div>
  );
}
