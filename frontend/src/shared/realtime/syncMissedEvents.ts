import type { ReplayedEvent } from '@messenger/contract';
import { emitWithAck } from './socket';
import { loadCursor, saveCursor } from './syncCursor';

export const CURSOR_EXPIRED = 'CURSOR_EXPIRED';

interface SyncOptions {
  userId: string;
  /** Applies one replayed event through the same dispatch table as live ones. */
  apply: (event: ReplayedEvent) => void;
  /** The cursor was too old to replay: refetch what is shown by seq instead. */
  onCursorExpired: () => void;
}

/**
 * Replays, oldest first, every event this user missed since the stored cursor; pages while `hasMore`. Throws when
 * the server does not answer or refuses (other than an expired cursor), so that the caller tries again.
 */
export async function syncMissedEvents({ userId, apply, onCursorExpired }: SyncOptions): Promise<void> {
  let cursor = loadCursor(userId);
  for (;;) {
    const ack = await emitWithAck('sync', { cursor });
    if (!ack.ok) {
      if (ack.error.code !== CURSOR_EXPIRED) throw new Error(`sync refused: ${ack.error.code}`);
      if (cursor === null) return;
      onCursorExpired();
      // Start over from now: what happened before is being refetched.
      cursor = null;
      continue;
    }
    for (const event of ack.events) apply(event);
    saveCursor(userId, ack.cursor);
    if (!ack.hasMore || ack.events.length === 0) return;
    cursor = ack.cursor;
  }
}
