import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Metrics } from '../lib/metrics';
import type { EventLog, ReplayPage } from './event-log';
import type { SocketHandlers } from './handlers';

/**
 * One reply's worth: events can be large (a message of 10,000 characters with its attachments), so a reply is also
 * capped by bytes, which keeps what one client can make the server serialize and send per call small.
 */
export const SYNC_PAGE: ReplayPage = { maxEvents: 500, maxBytes: 1024 * 1024 };

const syncEventSchema = z.object({ cursor: z.string().max(64).nullable() }).strict();

/**
 * `sync {cursor}`: what this user missed since the cursor, oldest first, and the cursor to keep. `hasMore` asks
 * the client to call again; CURSOR_EXPIRED asks it to refetch its chats and messages by seq instead.
 */
export function syncSocketHandlers(log: EventLog, metrics: Metrics): SocketHandlers {
  return {
    sync: {
      schema: syncEventSchema,
      handle: async (userId, { cursor }) => {
        if (cursor === null) {
          metrics.replays.inc({ outcome: 'current' });
          return { events: [], cursor: await log.current(), hasMore: false };
        }
        const replay = await log.since(userId, cursor, SYNC_PAGE);
        metrics.replays.inc({ outcome: replay === 'expired' ? 'expired' : 'replayed' });
        if (replay === 'expired') {
          throw new AppError(410, 'CURSOR_EXPIRED', 'Too much has happened since; reload chats and messages by seq');
        }
        return replay;
      },
    },
  };
}
