/**
 * The `cursor` of the last server event this user's client has applied, kept per user across reloads, so
 * that `sync` can replay what happened while the app was closed or offline.
 */
const storageKey = (userId: string) => `1000-messenger:sync-cursor:${userId}`;

export function loadCursor(userId: string): string | null {
  try {
    return localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

export function saveCursor(userId: string, cursor: string): void {
  try {
    localStorage.setItem(storageKey(userId), cursor);
  } catch {
    // Storage full or blocked: the next sync starts from an older cursor, replaying a little more.
  }
}

/** The cursor a state-changing event carries, if any (presence and typing carry none). */
export function cursorOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || !('cursor' in payload)) return null;
  return typeof payload.cursor === 'string' ? payload.cursor : null;
}
