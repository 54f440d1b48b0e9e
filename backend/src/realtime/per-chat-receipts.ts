import type { ServerEventPayload } from '@messenger/contract';
import type { PublishedEvent } from './events';

/**
 * What a `receipts:changed` stands for to a client that did not declare `receipts-batch`: a `message:delivered` and
 * a `message:read` per entry, as far as each rose, in the entry's order. Live (the publisher sends these under the
 * logged event's cursor) and replayed (`sync`) alike.
 */
export function perChatReceipts({ receipts }: ServerEventPayload<'receipts:changed'>): PublishedEvent[] {
  return receipts.flatMap(({ chatId, userId, delivered, read }): PublishedEvent[] => [
    ...(delivered === undefined
      ? []
      : [{ event: 'message:delivered' as const, payload: { chatId, userId, seq: delivered } }]),
    ...(read === undefined ? [] : [{ event: 'message:read' as const, payload: { chatId, userId, seq: read } }]),
  ]);
}
