import { CLIENT_FEATURES, type Chat, type ClientEventResult, type ServerEventPayload } from '@messenger/contract';
import { AppError } from '../lib/errors';
import type { RedisDegradation } from '../lib/degraded';
import type { Metrics } from '../lib/metrics';
import type { EventLog, LoggedEvent, ReplayPage } from './event-log';
import type { SocketHandlers } from './handlers';
import { perChatReceipts } from './per-chat-receipts';

/**
 * One reply's worth: events can be large (a message of 10,000 characters with its attachments), so a reply is also
 * capped by bytes, which keeps what one client can make the server serialize and send per call small.
 */
export const SYNC_PAGE: ReplayPage = { maxEvents: 500, maxBytes: 1024 * 1024 };

/** A chat as one user sees it now; null when they are not in it (any more). */
export type ChatAsSeenBy = (userId: string, chatId: string) => Promise<Chat | null>;

/**
 * `sync {cursor}`: what this user missed since the cursor, oldest first, and the cursor to keep. `hasMore` asks
 * the client to call again; CURSOR_EXPIRED asks it to refetch its chats and messages by seq instead. A user's log
 * serves all their devices, so it holds `chat:members` for a client that did not declare `membership-delta` too:
 * that client gets `chat:updated` instead (`chatAsSeenBy`); and `receipts:changed` for a client that did not declare
 * `receipts-batch`, which gets the per-chat `message:delivered` / `message:read` it stands for.
 */
export function syncSocketHandlers(
  log: EventLog,
  metrics: Metrics,
  chatAsSeenBy: ChatAsSeenBy,
  degradation?: RedisDegradation,
): SocketHandlers<'sync'> {
  const cursorExpired = () =>
    new AppError(410, 'CURSOR_EXPIRED', 'Too much has happened since; reload chats and messages by seq');
  return {
    sync: async (userId, { cursor }, { features }) => {
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
      if (!features.has(CLIENT_FEATURES.membershipDelta)) {
        replay = { ...replay, events: await asChatUpdates(replay.events, userId, chatAsSeenBy) };
      }
      if (!features.has(CLIENT_FEATURES.receiptsBatch))
        replay = { ...replay, events: asPerChatReceipts(replay.events) };
      // The log holds what SocketPublisher appended: logged events of the contract's map, as they were published.
      return replay as ClientEventResult<'sync'>;
    },
  };
}

/**
 * The events for a client that takes `chat:updated` rather than `chat:members`: each chat's last `chat:members`
 * becomes `chat:updated` with the chat as it is now, which holds every change before it, so its earlier ones go;
 * so do those of a chat the user is no longer in (the `chat:removed` logged after says so).
 */
async function asChatUpdates(events: LoggedEvent[], userId: string, chatAsSeenBy: ChatAsSeenBy) {
  const lastChange = new Map<string, number>();
  for (const [index, { event, payload }] of events.entries()) {
    if (event === 'chat:members') lastChange.set((payload as ServerEventPayload<'chat:members'>).chatId, index);
  }
  if (lastChange.size === 0) return events;
  const chatIds = [...lastChange.keys()];
  const chats = await Promise.all(chatIds.map((chatId) => chatAsSeenBy(userId, chatId)));
  const current = new Map(chatIds.map((chatId, index) => [chatId, chats[index]]));
  return events.flatMap((entry, index): LoggedEvent[] => {
    if (entry.event !== 'chat:members') return [entry];
    const { chatId } = entry.payload as ServerEventPayload<'chat:members'>;
    const chat = current.get(chatId);
    return lastChange.get(chatId) === index && chat ? [{ event: 'chat:updated', payload: { chat } }] : [];
  });
}

/** The events for a client that takes `message:delivered` / `message:read` rather than `receipts:changed`. */
function asPerChatReceipts(events: LoggedEvent[]): LoggedEvent[] {
  return events.flatMap((entry) =>
    entry.event === 'receipts:changed'
      ? perChatReceipts(entry.payload as ServerEventPayload<'receipts:changed'>)
      : [entry],
  );
}
