import type { Socket } from 'socket.io-client';

type Ack = { ok: true } | { ok: false; error?: { code?: string } };

interface ChatWatermark {
  received: number;
  reported: number;
  lastReportAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * What the web app does with every message it receives: report the chat's delivered watermark, at most once per
 * interval per chat, a burst going as one report. It puts the server's receipt path (a watermark write, then
 * `message:delivered` to the senders) into the load, as real clients do. The web app's own reporter
 * (frontend/src/shared/realtime/watermarkReporter.ts) cannot be imported here: it lives in an ES-module package
 * and this CLI, and the backend's Jest run that loads it, are CommonJS.
 */
export class DeliveryReceipts {
  private readonly chats = new Map<string, ChatWatermark>();
  /** After the run: receipts still unanswered when the socket closes are not the server's failures. */
  private stopped = false;

  constructor(
    private readonly socket: Socket,
    private readonly intervalMs: number,
    private readonly onError: (kind: string) => void,
    private readonly now: () => number,
  ) {}

  received(chatId: string, seq: number): void {
    const chat = this.chats.get(chatId) ?? { received: 0, reported: 0, lastReportAt: -Infinity };
    this.chats.set(chatId, chat);
    chat.received = Math.max(chat.received, seq);
    if (chat.received <= chat.reported || chat.timer) return;
    const wait = chat.lastReportAt + this.intervalMs - this.now();
    if (wait <= 0) this.report(chatId, chat);
    else chat.timer = setTimeout(() => this.report(chatId, chat), wait);
  }

  stop(): void {
    this.stopped = true;
    for (const chat of this.chats.values()) clearTimeout(chat.timer);
    this.chats.clear();
  }

  private report(chatId: string, chat: ChatWatermark): void {
    chat.timer = undefined;
    chat.reported = chat.received;
    chat.lastReportAt = this.now();
    this.socket
      .timeout(10_000)
      .emit('message:delivered', { chatId, seq: chat.reported }, (error: Error | null, ack?: Ack) => {
        if (this.stopped) return;
        if (error) this.onError('receipt: timeout');
        else if (!ack?.ok) this.onError(`receipt: ${(ack && 'error' in ack && ack.error?.code) || 'error'}`);
      });
  }
}
