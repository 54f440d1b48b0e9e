import type { SocketHandlers } from '../../realtime/handlers';
import { sendMessageEventSchema } from './messages.schemas';
import type { MessagesService } from './messages.service';

export function messageSocketHandlers(messages: MessagesService): SocketHandlers {
  return {
    'message:send': {
      schema: sendMessageEventSchema,
      handle: async (userId, payload) => ({ message: (await messages.send(userId, payload)).message }),
    },
  };
}
