import { z } from 'zod';
import type { SocketHandlers } from '../../realtime/handlers';
import type { TypingService } from './typing.service';

const typingEventSchema = z.object({ chatId: z.uuid('must be a chat id') }).strict();

export function typingSocketHandlers(typing: TypingService): SocketHandlers {
  return {
    'typing:start': {
      schema: typingEventSchema,
      handle: async (userId, { chatId }) => {
        await typing.start(userId, chatId);
        return {};
      },
    },
    'typing:stop': {
      schema: typingEventSchema,
      handle: async (userId, { chatId }) => {
        typing.stop(userId, chatId);
        return {};
      },
    },
  };
}
