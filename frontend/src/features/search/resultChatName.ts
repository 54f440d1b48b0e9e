import type { Chat, SearchResult } from '@messenger/contract';
import { chatTitle } from '../chats';

/**
 * Named like everywhere else when the chat list holds the chat. Otherwise a direct chat, which has no name of its
 * own, is called after whoever else wrote the message.
 */
export function resultChatName(result: SearchResult, knownChat: Chat | undefined, currentUserId?: string): string {
  if (knownChat) return chatTitle(knownChat, currentUserId);
  if (result.chat.name) return result.chat.name;
  if (result.chat.type === 'group') return 'Unnamed group';
  const { sender } = result.message;
  return sender && sender.id !== currentUserId ? sender.displayName : 'Direct chat';
}
