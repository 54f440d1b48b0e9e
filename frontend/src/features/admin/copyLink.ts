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

/**
 * The link the server gave (a path or an absolute URL built from FRONTEND_URL) at this web app's own address: the
 * admin is looking at the app people will open, whereas FRONTEND_URL keeps its development default
 * (localhost:5173) under `npm start`, which serves the app on another port.
 */
export function absoluteUrl(url: string): string {
  const { pathname, search, hash } = new URL(url, window.location.origin);
  return new URL(`${pathname}${search}${hash}`, window.location.origin).href;
}
