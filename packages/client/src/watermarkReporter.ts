/**
 * Receipts are watermarks ("everything up to seq"), so only a rise is worth sending, and a burst of rises in
 * one chat can wait for the next slot and go as one: the socket's rate limit (60 events / 10 s) is shared with
 * sending messages.
 */
export interface WatermarkReporter {
  /** Everything up to `seq` in the chat has reached this state. */
  report: (chatId: string, seq: number) => void;
  /** Sends what waits now, where the throttle allows (after a pause such as the tab being hidden). */
  flush: () => void;
  /** The server did not take `seq` (rate limited, no acknowledgement): it goes again after the interval. */
  failed: (chatId: string, seq: number) => void;
  reset: () => void;
}

interface ChatWatermark {
  sent: number;
  waiting: number;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface ReporterOptions {
  /** Returns false when it could not go out (offline): the rise then waits for the next report or flush. */
  send: (chatId: string, seq: number) => boolean;
  intervalMs: number;
  /** When false, rises are kept until `flush` (a read receipt only while the user can see the page). */
  canSend?: () => boolean;
}

export function createWatermarkReporter({
  send,
  intervalMs,
  canSend = () => true,
}: ReporterOptions): WatermarkReporter {
  const chats = new Map<string, ChatWatermark>();

  function trySend(chatId: string, watermark: ChatWatermark): void {
    if (watermark.waiting <= watermark.sent || watermark.timer !== undefined || !canSend()) return;
    const wait = watermark.lastSentAt + intervalMs - Date.now();
    if (wait > 0) {
      watermark.timer = setTimeout(() => {
        watermark.timer = undefined;
        trySend(chatId, watermark);
      }, wait);
      return;
    }
    if (!send(chatId, watermark.waiting)) return;
    watermark.sent = watermark.waiting;
    watermark.lastSentAt = Date.now();
  }

  return {
    report(chatId, seq) {
      const watermark = chats.get(chatId) ?? { sent: 0, waiting: 0, lastSentAt: -Infinity, timer: undefined };
      chats.set(chatId, watermark);
      watermark.waiting = Math.max(watermark.waiting, seq);
      trySend(chatId, watermark);
    },
    flush() {
      for (const [chatId, watermark] of chats) trySend(chatId, watermark);
    },
    failed(chatId, seq) {
      const watermark = chats.get(chatId);
      // A higher one went out since: it covers this one.
      if (!watermark || watermark.sent !== seq) return;
      watermark.sent = seq - 1;
      trySend(chatId, watermark);
    },
    reset() {
      for (const watermark of chats.values()) clearTimeout(watermark.timer);
      chats.clear();
    },
  };
}
