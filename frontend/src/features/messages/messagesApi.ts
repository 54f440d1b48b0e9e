import { api } from '../../shared/api/client';
import type {
  CreateMessageRequest,
  Message,
  MessagePage,
  MessageResponse,
  Reaction,
  ReactionsResponse,
} from '@messenger/contract';

const messagesPath = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}/messages`;
const messagePath = (messageId: string) => `/api/messages/${encodeURIComponent(messageId)}`;

/** Which page of history: the newest, the one older or newer than a seq, or the one around a message. */
export type PageQuery = { before: number } | { after: number } | { around: string } | undefined;

/** Ascending by seq. */
export async function fetchMessages(chatId: string, query?: PageQuery): Promise<MessagePage> {
  const { data } = await api.get<MessagePage>(messagesPath(chatId), { params: query ?? {} });
  return data;
}

/** Idempotent by clientMsgId: sending the same one again returns the stored message. */
export async function createMessage(chatId: string, body: CreateMessageRequest): Promise<Message> {
  const { data } = await api.post<MessageResponse>(messagesPath(chatId), body);
  return data.message;
}

export async function updateMessage(messageId: string, content: string): Promise<Message> {
  const { data } = await api.put<MessageResponse>(messagePath(messageId), { content });
  return data.message;
}

/** The message stays in place, emptied and marked deleted. */
export async function removeMessage(messageId: string): Promise<Message> {
  const { data } = await api.delete<MessageResponse>(messagePath(messageId));
  return data.message;
}

export async function addReaction(messageId: string, emoji: string): Promise<Reaction[]> {
  const { data } = await api.post<ReactionsResponse>(`${messagePath(messageId)}/reactions`, { emoji });
  return data.reactions;
}

export async function removeReaction(messageId: string, emoji: string): Promise<Reaction[]> {
  const { data } = await api.delete<ReactionsResponse>(
    `${messagePath(messageId)}/reactions/${encodeURIComponent(emoji)}`,
  );
  return data.reactions;
}
