import type { Message } from '@messenger/contract';
import { dayKey, formatDayLabel } from '../../shared/lib/time';
import type { OutgoingMessage } from './timeline';

/** One entry of the virtualised list: a message, or a marker between messages. */
export type TimelineRow =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'outgoing'; key: string; outgoing: OutgoingMessage };

/**
 * The rows to show: a day separator before the first message of each day, and the "New messages" marker
 * before the first message with a seq of `firstUnreadSeq` or more (when there is one). Pending messages of
 * ours come last.
 */
export function buildTimelineRows(
  messages: Message[],
  outbox: OutgoingMessage[],
  firstUnreadSeq: number | null,
  now = new Date(),
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previousDay: string | null = null;
  let unreadPlaced = false;
  const addDay = (createdAt: string) => {
    const day = dayKey(createdAt);
    if (day === previousDay) return;
    previousDay = day;
    rows.push({ kind: 'day', key: `day-${day}`, label: formatDayLabel(createdAt, now) });
  };
  for (const message of messages) {
    addDay(message.createdAt);
    if (!unreadPlaced && firstUnreadSeq !== null && message.seq >= firstUnreadSeq) {
      unreadPlaced = true;
      rows.push({ kind: 'unread', key: 'unread' });
    }
    rows.push({ kind: 'message', key: message.id, message });
  }
  for (const outgoing of outbox) {
    addDay(outgoing.createdAt);
    rows.push({ kind: 'outgoing', key: outgoing.clientMsgId, outgoing });
  }
  return rows;
}

/** Where the first message of the list sits among the rows, to keep the view still when older ones arrive. */
export function firstMessageIndex(rows: TimelineRow[]): { key: string | undefined; index: number } {
  const index = rows.findIndex((row) => row.kind === 'message');
  return { key: rows[index]?.key, index };
}

/** The newest message among these rows that someone else wrote (system messages included): what a read receipt covers. */
export function highestSeqFromOthers(rows: TimelineRow[], currentUserId: string | undefined): number | null {
  let highest: number | null = null;
  for (const row of rows) {
    if (row.kind !== 'message' || row.message.sender?.id === currentUserId) continue;
    highest = Math.max(highest ?? 0, row.message.seq);
  }
  return highest;
}
