import type { ClientEventResult } from '@messenger/contract';
import { AppError } from '../lib/errors';
import type { RedisDegradation } from '../lib/degraded';
import type { Metrics } from '../lib/metrics';
import type { EventLog, ReplayPage } from './event-log';
import type { SocketHandlers } from './handlers';

/**
 * One reply's worth: events can be large (a message of 10,000 characters with its attachments), so a reply is also
 * capped by bytes, which keeps what one client can make the server serialize and send per call small.
 */
export const SYNC_PAGE: ReplayPage = { maxEvents: 500, maxBytes: 1024 * 1024 };

/**
 * `sync {cursor}`: what this user missed since the cursor, oldest first, and the cursor to keep. `hasMore` asks
 * the client to call again; CURSOR_EXPIRED asks it to refetch its chats and messages by seq instead.
 */
export function syncSocketHandlers(
  log: EventLog,
  metrics: Metrics,
  degradation?: RedisDegradation,
): SocketHandlers<'sync'> {
  const cursorExpired = () =>
    new AppError(410, 'CURSOR_EXPIRED', 'Too much has happened since; reload chats and messages by seq');
  return {
    sync: async (userId, { cursor }) => {
      let replay: Awaited<ReturnType<EventLog['since']>>;
      try {
        if (cursor === null) {
          metrics.replays.inc({ outcome: 'current' });
          return { events: [], cursor: await log.current(userId), hasMore: false };
        }
        replay = await log.since(userId, cursor, SYNC_PAGE);
      } catch (error) {
        // Only the Redis log can fail here. PostgreSQL still has every message, so send the client there (by seq)
        // instead of failing: it catches up now and syncs again on its next connection.
        degradation?.report('replay_log', error);
        if (cursor === null) throw new AppError(503, 'SERVICE_UNAVAILABLE', 'The event log is unavailable; try later');
        metrics.replays.inc({ outcome: 'expired' });
        throw cursorExpired();
      }
      metrics.replays.inc({ outcome: replay === 'expired' ? 'expired' : 'replayed' });
      if (replay === 'expired') throw cursorExpired();
      // The log holds what SocketPublisher appended: logged events of the contract's map, as they were published.
      return replay as ClientEventResult<'sync'>;
    },
  };
}
