import { createReceiptBatcher, type BatchedReceipt, type ReceiptBatcher } from '@messenger/client';
import { emitWithAck, isRealtimeConnected } from '../../shared/realtime/socket';

/** At most one `receipts:batch` this often, for every chat whose watermarks rose. */
export const RECEIPT_BATCH_INTERVAL_MS = 500;

/** A message on screen counts as read only while someone can be looking at it. */
const pageIsAttended = () => document.visibilityState === 'visible' && document.hasFocus();

/**
 * Hands a batch to the socket; returns false when offline (it waits for the next connect). One the server refuses
 * as a whole (rate limit) or never acknowledges goes again: the unread counts of every device depend on it. An entry
 * refused on its own (a chat we are no longer in) is not worth sending again.
 */
function sendReceipts(receipts: BatchedReceipt[]): boolean {
  if (!isRealtimeConnected()) return false;
  emitWithAck('receipts:batch', { receipts }).then(
    (ack) => {
      if (!ack.ok && ack.error.code === 'RATE_LIMITED') batcher.failed(receipts);
    },
    () => batcher.failed(receipts),
  );
  return true;
}

const batcher: ReceiptBatcher = createReceiptBatcher({
  send: sendReceipts,
  intervalMs: RECEIPT_BATCH_INTERVAL_MS,
  canSendReads: pageIsAttended,
});

let listening = false;

/** Messages of others up to `seq` are on screen. */
export function reportSeen(chatId: string, seq: number): void {
  if (!listening && typeof window !== 'undefined') {
    listening = true;
    // What was on screen while the tab was hidden or in the background counts once the user comes back.
    window.addEventListener('focus', batcher.flush);
    document.addEventListener('visibilitychange', batcher.flush);
  }
  batcher.report('read', chatId, seq);
}

/** A message of someone else reached this device. */
export function reportDelivered(chatId: string, seq: number): void {
  batcher.report('delivered', chatId, seq);
}

/** After a (re)connect: receipts that could not go out while offline. */
export function flushReceipts(): void {
  batcher.flush();
}

export function resetReceiptReporting(): void {
  batcher.reset();
}
