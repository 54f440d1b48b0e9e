import { api } from '../../shared/api/client';
import type { CreateMessageRequest, Message, MessagePage, MessageResponse } from '../../shared/api/types';

const messagesPath = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}/messages`;

/** The newest page, or with `before` the page just older than that seq. Ascending by seq. */
export async function fetchMessages(chatId: string, before?: number): Promise<MessagePage> {
  const params = before === undefined ? {} : { before };
  const { data } = await api.get<MessagePage>(messagesPath(chatId), { params });
  return data;
}

/** Idempotent by clientMsgId: sending the same one again returns the stored message. */
export async function createMessage(chatId: string, body: CreateMessageRequest): Promise<Message> {
  const { data } = await api.post<MessageResponse>(messagesPath(chatId), body);
  return data.message;
}
