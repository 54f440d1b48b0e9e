import { useEffect, useState, useSyncExternalStore } from 'react';
import { useConnectionStore } from '../shared/realtime/connectionStore';

export const OFFLINE_NOTICE = 'You are offline. Messages will be sent when you are back.';
/** How long "Back online" stays after the connection returns. */
export const BACK_ONLINE_MS = 3_000;

function subscribeToNetwork(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

const useBrowserOnline = () => useSyncExternalStore(subscribeToNetwork, () => navigator.onLine);

/**
 * Says why messages may not be going out: the browser has no network, or the socket is (re)connecting.
 * The live region is always rendered so that screen readers announce the changes.
 */
export function ConnectionBanner() {
  const status = useConnectionStore((state) => state.status);
  const hasConnected = useConnectionStore((state) => state.hasConnected);
  const browserOnline = useBrowserOnline();
  const connected = status === 'connected' && browserOnline;
  const [wasDown, setWasDown] = useState(false);
  const [backOnline, setBackOnline] = useState(false);

  // "Back online" only after having been offline or disconnected, not on the first connection.
  const down = !browserOnline || (status === 'connecting' && hasConnected);
  if (down && !wasDown) setWasDown(true);
  if (connected && wasDown) {
    setWasDown(false);
    setBackOnline(true);
  }
  useEffect(() => {
    if (!backOnline) return;
    const timer = setTimeout(() => setBackOnline(false), BACK_ONLINE_MS);
    return () => clearTimeout(timer);
  }, [backOnline]);

  const message = !browserOnline
    ? OFFLINE_NOTICE
    : status === 'connecting'
      ? 'Connecting…'
      : connected && backOnline
        ? 'Back online'
        : null;
  const tone = !browserOnline ? 'bg-surface-warning text-fg-warning' : 'bg-surface-muted text-fg';
  return (
    <div role="status" className={message ? `px-4 py-1 text-center text-sm ${tone}` : 'sr-only'}>
      {message}
    </div>
  );
}
