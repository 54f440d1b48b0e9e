import type { SocketHandlers } from '../../realtime/handlers';
import type { MessagesService } from './messages.service';

export function messageSocketHandlers(
  messages: MessagesService,
): SocketHandlers<'message:send' | 'message:edit' | 'message:delete'> {
  return {
    'message:send': async (userId, payload) => ({ message: (await messages.send(userId, payload)).message }),
    'message:edit': async (userId, { messageId, content }) => ({
      message: await messages.edit(userId, messageId, content),
    }),
    'message:delete': async (userId, { messageId }) => ({ message: await messages.delete(userId, messageId) }),
  };
}
