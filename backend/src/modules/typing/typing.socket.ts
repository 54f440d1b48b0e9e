import type { SocketHandlers } from '../../realtime/handlers';
import type { TypingService } from './typing.service';

export function typingSocketHandlers(typing: TypingService): SocketHandlers<'typing:start' | 'typing:stop'> {
  return {
    'typing:start': async (userId, { chatId }) => {
      await typing.start(userId, chatId);
      return {};
    },
    'typing:stop': async (userId, { chatId }) => {
      typing.stop(userId, chatId);
      return {};
    },
  };
}
