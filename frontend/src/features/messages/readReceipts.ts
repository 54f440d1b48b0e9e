import { createWatermarkReporter, type WatermarkReporter } from '@messenger/client';
import { emitWithAck, isRealtimeConnected } from '../../shared/realtime/socket';

export const READ_REPORT_INTERVAL_MS = 500;
export const DELIVERY_REPORT_INTERVAL_MS = 1_000;

/** A message on screen counts as read only while someone can be looking at it. */
const pageIsAttended = () => document.visibilityState === 'visible' && document.hasFocus();

type ReceiptEvent = 'message:read' | 'message:delivered';

/**
 * Hands the receipt to the socket; returns false when offline (it waits for the next connect). One the server
 * refuses (rate limit) or never acknowledges goes again: the unread counts of every device depend on it.
 */
function sendReceipt(event: ReceiptEvent, reporter: () => WatermarkReporter, chatId: string, seq: number): boolean {
  if (!isRealtimeConnected()) return false;
  emitWithAck(event, { chatId, seq }).then(
    (ack) => {
      if (!ack.ok && ack.error.code === 'RATE_LIMITED') reporter().failed(chatId, seq);
    },
    () => reporter().failed(chatId, seq),
  );
  return true;
}

const reads: WatermarkReporter = createWatermarkReporter({
  send: (chatId, seq) => sendReceipt('message:read', () => reads, chatId, seq),
  intervalMs: READ_REPORT_INTERVAL_MS,
  canSend: pageIsAttended,
});

const deliveries: WatermarkReporter = createWatermarkReporter({
  send: (chatId, seq) => sendReceipt('message:delivered', () => deliveries, chatId, seq),
  intervalMs: DELIVERY_REPORT_INTERVAL_MS,
});

let listening = false;

/** Messages of others up to `seq` are on screen. */
export function reportSeen(chatId: string, seq: number): void {
  if (!listening && typeof window !== 'undefined') {
    listening = true;
    // What was on screen while the tab was hidden or in the background counts once the user comes back.
    window.addEventListener('focus', reads.flush);
    document.addEventListener('visibilitychange', reads.flush);
  }
  reads.report(chatId, seq);
}

/** A message of someone else reached this device. */
export function reportDelivered(chatId: string, seq: number): void {
  deliveries.report(chatId, seq);
}

/** After a (re)connect: receipts that could not go out while offline. */
export function flushReceipts(): void {
  reads.flush();
  deliveries.flush();
}

export function resetReceiptReporting(): void {
  reads.reset();
  deliveries.reset();
}
