import { useState } from 'react';
import { messagePath } from '../../shared/lib/paths';
import { Button } from '../../shared/ui/Button';
import { showToast } from '../../shared/ui/toastStore';

/**
 * Copies the address of a message and says so in a toast; where the clipboard is out of reach, `manualUrl` holds
 * the link to show for copying by hand.
 */
export function useCopyMessageLink(chatId: string, messageId: string) {
  const [manualUrl, setManualUrl] = useState<string | null>(null);

  const copyLink = () => {
    const url = `${window.location.origin}${messagePath(chatId, messageId)}`;
    // Browsers offer no clipboard outside secure contexts (a self-hosted instance on plain HTTP), and may refuse.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setManualUrl(url);
      return;
    }
    clipboard.writeText(url).then(
      () => showToast('Link copied'),
      () => setManualUrl(url),
    );
  };

  return { manualUrl, copyLink, dismiss: () => setManualUrl(null) };
}

/** Copies a message's text; with no clipboard at hand, the text on screen can still be selected. */
export function copyMessageText(content: string): void {
  const clipboard = navigator.clipboard as Clipboard | undefined;
  const failed = () => showToast('Copying is not available here; select the text to copy it.', 'error');
  if (!clipboard) {
    failed();
    return;
  }
  clipboard.writeText(content).then(() => showToast('Text copied'), failed);
}

interface ManualCopyLinkProps {
  url: string | null;
  onDismiss: () => void;
}

export function ManualCopyLink({ url, onDismiss }: ManualCopyLinkProps) {
  if (url === null) return null;
  return (
    <div className="flex w-full max-w-md items-center gap-2 text-sm">
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-fg">
        Copying is not available here; copy the link yourself:
        <input
          readOnly
          autoFocus
          value={url}
          onFocus={(event) => event.target.select()}
          className="rounded-md border border-border-strong bg-surface px-2 py-1 text-fg"
        />
      </label>
      <Button size="sm" variant="ghost" className="self-end" onClick={onDismiss}>
        Done
      </Button>
    </div>
  );
}
