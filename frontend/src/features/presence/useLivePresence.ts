import { useEffect, useState } from 'react';
import type { User } from '@messenger/contract';
import { usePresenceStore, type Presence } from './presenceStore';

/** "Last seen 2 minutes ago" must age while it is on screen, not only when the next event comes. */
const RELATIVE_TIME_REFRESH_MS = 30_000;

/**
 * The user's presence as the server last told us, live. The fetched copy (REST's `online` / `lastSeenAt`) is
 * the starting point until an event about the user arrives; the store is emptied on reconnect, as presence
 * events are not replayed.
 */
export function useLivePresence(user: Pick<User, 'id' | 'online' | 'lastSeenAt'>): Presence {
  const live = usePresenceStore((state) => state.byUserId[user.id]);
  const presence = live ?? { online: user.online, lastSeenAt: user.lastSeenAt };
  const [, setTick] = useState(0);
  useEffect(() => {
    if (presence.online) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), RELATIVE_TIME_REFRESH_MS);
    return () => clearInterval(timer);
  }, [presence.online]);
  return presence;
}
