import { emitAndForget } from '../../shared/realtime/socket';

/** Renewing sooner would only spend the rate limit: the others' indicators hold for 6 s. */
export const TYPING_RENEW_MS = 3_000;

/** chatId → when we last told the server we were typing there. */
const lastStartSent = new Map<string, number>();

/** Call on every keystroke: tells the others at most every 3 s. */
export function notifyTyping(chatId: string, now = Date.now()): void {
  const last = lastStartSent.get(chatId);
  if (last !== undefined && now - last < TYPING_RENEW_MS) return;
  if (emitAndForget('typing:start', { chatId })) lastStartSent.set(chatId, now);
}

/** On send or when the field loses focus; only when we had said we were typing. */
export function notifyTypingStopped(chatId: string): void {
  if (!lastStartSent.delete(chatId)) return;
  emitAndForget('typing:stop', { chatId });
}

export function resetTypingNotifier(): void {
  lastStartSent.clear();
}
