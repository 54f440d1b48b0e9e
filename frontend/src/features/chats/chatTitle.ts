import { nameWithStatus } from '../../shared/lib/userName';
import type { Chat, User } from '@messenger/contract';

/** The other person in a direct chat (yourself, in a chat with only you). */
export function directPartner(chat: Chat, currentUserId: string | undefined): User | undefined {
  const others = chat.participants.filter((participant) => participant.user.id !== currentUserId);
  return (others[0] ?? chat.participants[0])?.user;
}

/** Direct chats have no name of their own: they are called after the other participant. */
export function chatTitle(chat: Chat, currentUserId: string | undefined): string {
  if (chat.name) return chat.name;
  if (chat.type === 'direct') {
    const partner = directPartner(chat, currentUserId);
    return partner ? nameWithStatus(partner) : 'Direct chat';
  }
  return 'Unnamed group';
}

export function chatAvatarUrl(chat: Chat, currentUserId: string | undefined): string | null {
  if (chat.type === 'direct') return directPartner(chat, currentUserId)?.avatarUrl ?? null;
  return chat.avatarUrl;
}
