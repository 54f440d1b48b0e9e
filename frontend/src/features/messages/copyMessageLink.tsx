import { useEffect, useState } from 'react';
import { messagePath } from '../../shared/lib/paths';
import { Button } from '../../shared/ui/Button';
import { StatusMessage } from '../../shared/ui/StatusMessage';

const CONFIRMATION_MS = 3000;

type CopyLinkState = { state: 'idle' | 'copied' } | { state: 'manual'; url: string };

/** Copies the address of a message; where the clipboard is out of reach, the link is shown to copy by hand. */
export function useCopyMessageLink(chatId: string, messageId: string) {
  const [copy, setCopy] = useState<CopyLinkState>({ state: 'idle' });

  useEffect(() => {
    if (copy.state !== 'copied') return;
    const timer = setTimeout(() => setCopy({ state: 'idle' }), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyLink = () => {
    const url = `${window.location.origin}${messagePath(chatId, messageId)}`;
    // Browsers offer no clipboard outside secure contexts (a self-hosted instance on plain HTTP), and may refuse.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setCopy({ state: 'manual', url });
      return;
    }
    clipboard.writeText(url).then(
      () => setCopy({ state: 'copied' }),
      () => setCopy({ state: 'manual', url }),
    );
  };

  return { copy, copyLink, dismiss: () => setCopy({ state: 'idle' }) };
}

interface CopyLinkStatusProps {
  copy: CopyLinkState;
  onDismiss: () => void;
}

export function CopyLinkStatus({ copy, onDismiss }: CopyLinkStatusProps) {
  return (
    <>
      <StatusMessage message={copy.state === 'copied' ? 'Link copied' : null} />
      {copy.state === 'manual' && (
        <div className="flex w-full max-w-md items-center gap-2 text-sm">
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-slate-700">
            Copying is not available here; copy the link yourself:
            <input
              readOnly
              autoFocus
              value={copy.url}
              onFocus={(event) => event.target.select()}
              className="rounded-md border border-slate-300 px-2 py-1 text-slate-900"
            />
          </label>
          <Button size="sm" variant="ghost" className="self-end" onClick={onDismiss}>
            Done
          </Button>
        </div>
      )}
    </>
  );
}
