import type { SocketHandlers } from '../../realtime/handlers';
import { receiptEventSchema } from './receipts.schemas';
import type { ReceiptsService } from './receipts.service';

export function receiptSocketHandlers(receipts: ReceiptsService): SocketHandlers {
  return {
    'message:delivered': {
      schema: receiptEventSchema,
      handle: async (userId, { chatId, seq }) => {
        await receipts.acknowledge(userId, chatId, 'delivered', seq);
        return {};
      },
    },
    'message:read': {
      schema: receiptEventSchema,
      handle: async (userId, { chatId, seq }) => {
        await receipts.acknowledge(userId, chatId, 'read', seq);
        return {};
      },
    },
  };
}
