import { showToast } from '../../shared/ui/toastStore';

/**
 * Copies a link and says so. Browsers offer no clipboard outside secure contexts (a self-hosted instance on plain
 * HTTP) and may refuse; every link copied here is also shown in a field, where it can be selected by hand.
 */
export function copyLink(url: string): void {
  const clipboard = navigator.clipboard as Clipboard | undefined;
  const failed = () => showToast('Copying is not available here; select the link to copy it.', 'error');
  if (!clipboard) {
    failed();
    return;
  }
  clipboard.writeText(url).then(() => showToast('Link copied'), failed);
}

/** The full address of a link the server gave as a path or as an absolute URL. */
export const absoluteUrl = (url: string) => new URL(url, window.location.origin).href;
