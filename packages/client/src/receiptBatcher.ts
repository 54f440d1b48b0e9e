import { MAX_RECEIPTS_PER_BATCH, type ClientEventPayload } from '@messenger/contract';

export type ReceiptKind = 'delivered' | 'read';
/** One chat's entry of a `receipts:batch`. */
export type BatchedReceipt = ClientEventPayload<'receipts:batch'>['receipts'][number];

/**
 * Receipts are watermarks ("everything up to seq"), so only a rise is worth sending, and every rise of every chat
 * can wait for the next slot and go together: one `receipts:batch` per interval for all chats, however many are
 * busy, instead of an event per chat and kind (the socket's rate limit, 60 events / 10 s, is shared with sends).
 */
export interface ReceiptBatcher {
  /** Everything up to `seq` in the chat has reached this state. */
  report: (kind: ReceiptKind, chatId: string, seq: number) => void;
  /** Sends what waits at the next slot (after a pause such as the tab being hidden, or a reconnect). */
  flush: () => void;
  /** The server did not take these (rate limited, no acknowledgement): they go again at the next slot. */
  failed: (receipts: readonly BatchedReceipt[]) => void;
  reset: () => void;
}

interface ReceiptBatcherOptions {
  /** Hands one batch (at most MAX_RECEIPTS_PER_BATCH entries) to the socket; false when offline: it waits for a flush. */
  send: (receipts: BatchedReceipt[]) => boolean;
  /** The shortest time between two sends. */
  intervalMs: number;
  /** When false, reads are kept until `flush` (a read counts only while the user can see the page). */
  canSendReads?: () => boolean;
}

interface Watermark {
  sent: number;
  waiting: number;
}

type ChatWatermarks = Record<ReceiptKind, Watermark>;

export function createReceiptBatcher({
  send,
  intervalMs,
  canSendReads = () => true,
}: ReceiptBatcherOptions): ReceiptBatcher {
  const chats = new Map<string, ChatWatermarks>();
  let lastSentAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const rising = ({ sent, waiting }: Watermark) => (waiting > sent ? waiting : undefined);

  /** Each chat's rise, with the marks to update once it has gone out. */
  function waitingReceipts(): { receipt: BatchedReceipt; marks: ChatWatermarks }[] {
    const reads = canSendReads();
    const waiting: { receipt: BatchedReceipt; marks: ChatWatermarks }[] = [];
    for (const [chatId, marks] of chats) {
      const delivered = rising(marks.delivered);
      const read = reads ? rising(marks.read) : undefined;
      if (delivered === undefined && read === undefined) continue;
      const receipt = {
        chatId,
        ...(delivered === undefined ? {} : { delivered }),
        ...(read === undefined ? {} : { read }),
      };
      waiting.push({ receipt, marks });
    }
    return waiting;
  }

  function sendWaiting(): void {
    const waiting = waitingReceipts();
    for (let start = 0; start < waiting.length; start += MAX_RECEIPTS_PER_BATCH) {
      const batch = waiting.slice(start, start + MAX_RECEIPTS_PER_BATCH);
      if (!send(batch.map(({ receipt }) => receipt))) return;
      lastSentAt = Date.now();
      for (const { receipt, marks } of batch) {
        if (receipt.delivered !== undefined) marks.delivered.sent = receipt.delivered;
        if (receipt.read !== undefined) marks.read.sent = receipt.read;
      }
    }
  }

  /** At the next slot: at once (the next turn, so that a burst of reports goes as one) or when the interval ends. */
  function schedule(): void {
    if (timer !== undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        sendWaiting();
      },
      Math.max(0, lastSentAt + intervalMs - Date.now()),
    );
  }

  return {
    report(kind, chatId, seq) {
      const marks = chats.get(chatId) ?? { delivered: { sent: 0, waiting: 0 }, read: { sent: 0, waiting: 0 } };
      chats.set(chatId, marks);
      marks[kind].waiting = Math.max(marks[kind].waiting, seq);
      if (rising(marks[kind]) !== undefined) schedule();
    },
    flush: schedule,
    failed(receipts) {
      for (const { chatId, delivered, read } of receipts) {
        const marks = chats.get(chatId);
        // A higher one went out since: it covers this one.
        if (marks && delivered !== undefined && marks.delivered.sent === delivered)
          marks.delivered.sent = delivered - 1;
        if (marks && read !== undefined && marks.read.sent === read) marks.read.sent = read - 1;
      }
      schedule();
    },
    reset() {
      clearTimeout(timer);
      timer = undefined;
      lastSentAt = -Infinity;
      chats.clear();
    },
  };
}
