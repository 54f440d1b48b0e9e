import type { Message, MessageResponse, PinnedMessagesResponse } from '@messenger/contract';
import { api } from '../../shared/api/client';

const pinPath = (messageId: string) => `/api/messages/${encodeURIComponent(messageId)}/pin`;

/** Newest pin first. */
export async function fetchPins(chatId: string): Promise<Message[]> {
  const { data } = await api.get<PinnedMessagesResponse>(`/api/chats/${encodeURIComponent(chatId)}/pins`);
  return data.messages;
}

/** Idempotent: a pinned message comes back as it was. */
export async function pinMessage(messageId: string): Promise<Message> {
  const { data } = await api.post<MessageResponse>(pinPath(messageId));
  return data.message;
}

/** Idempotent: a message that is not pinned comes back unchanged. */
export async function unpinMessage(messageId: string): Promise<Message> {
  const { data } = await api.delete<MessageResponse>(pinPath(messageId));
  return data.message;
}
