import { useState } from 'react';
import { Button } from '../../shared/ui/Button';
import { notificationsEnabled, notificationsSupported } from './desktopNotifications';

const DISMISSED_KEY = 'messenger:notification-prompt-dismissed';

function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === 'true';
  } catch {
    return false;
  }
}

function rememberDismissal(): void {
  try {
    localStorage.setItem(DISMISSED_KEY, 'true');
  } catch {
    // Storage refused (private mode): the prompt comes back next time, which is harmless.
  }
}

/** Asks for the permission only when the user chooses to, never on page load, while the browser has not been told. */
export function NotificationPrompt() {
  const [hidden, setHidden] = useState(
    () =>
      !notificationsEnabled() || !notificationsSupported() || Notification.permission !== 'default' || wasDismissed(),
  );
  if (hidden) return null;

  const turnOn = () => {
    // Whatever the answer, the browser remembers it and will not ask again: nothing left to offer.
    void Notification.requestPermission().finally(() => setHidden(true));
  };
  const dismiss = () => {
    rememberDismissal();
    setHidden(true);
  };

  return (
    <section
      aria-label="Desktop notifications"
      className="mx-4 mt-3 flex flex-wrap items-center gap-2 rounded-md bg-surface-accent px-3 py-2 text-sm text-fg"
    >
      <p className="w-full">Get notified of new messages while this tab is in the background.</p>
      <Button size="sm" onClick={turnOn}>
        Turn on desktop notifications
      </Button>
      <Button variant="ghost" size="sm" onClick={dismiss}>
        Not now
      </Button>
    </section>
  );
}
