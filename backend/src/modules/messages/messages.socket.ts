import type { SocketHandlers } from '../../realtime/handlers';
import { deleteMessageEventSchema, editMessageEventSchema, sendMessageEventSchema } from './messages.schemas';
import type { MessagesService } from './messages.service';

export function messageSocketHandlers(messages: MessagesService): SocketHandlers {
  return {
    'message:send': {
      schema: sendMessageEventSchema,
      handle: async (userId, payload) => ({ message: (await messages.send(userId, payload)).message }),
    },
    'message:edit': {
      schema: editMessageEventSchema,
      handle: async (userId, { messageId, content }) => ({ message: await messages.edit(userId, messageId, content) }),
    },
    'message:delete': {
      schema: deleteMessageEventSchema,
      handle: async (userId, { messageId }) => ({ message: await messages.delete(userId, messageId) }),
    },
  };
}
