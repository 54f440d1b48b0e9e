import { api } from '../../shared/api/client';
import type { Chat, ChatResponse, ChatsResponse, MuteChatRequest } from '@messenger/contract';

export async function fetchChats(): Promise<Chat[]> {
  const { data } = await api.get<ChatsResponse>('/api/chats');
  return data.chats;
}

export async function fetchChat(chatId: string): Promise<Chat> {
  const { data } = await api.get<ChatResponse>(`/api/chats/${encodeURIComponent(chatId)}`);
  return data.chat;
}

/** One direct chat per pair: answers with the existing one when there is one. */
export async function createDirectChat(userId: string): Promise<Chat> {
  const { data } = await api.post<ChatResponse>('/api/chats/direct', { userId });
  return data.chat;
}

export async function muteChat(chatId: string, muted: boolean): Promise<Chat> {
  const body: MuteChatRequest = { muted };
  const { data } = await api.put<ChatResponse>(`/api/chats/${encodeURIComponent(chatId)}/mute`, body);
  return data.chat;
}
