import type { SocketHandlers } from '../../realtime/handlers';
import type { ReceiptsService } from './receipts.service';

export function receiptSocketHandlers(
  receipts: ReceiptsService,
): SocketHandlers<'message:delivered' | 'message:read' | 'receipts:batch'> {
  return {
    'message:delivered': async (userId, { chatId, seq }) => {
      await receipts.acknowledge(userId, chatId, 'delivered', seq);
      return {};
    },
    'message:read': async (userId, { chatId, seq }) => {
      await receipts.acknowledge(userId, chatId, 'read', seq);
      return {};
    },
    'receipts:batch': async (userId, { receipts: entries }) => ({
      results: await receipts.acknowledgeBatch(userId, entries),
    }),
  };
}
