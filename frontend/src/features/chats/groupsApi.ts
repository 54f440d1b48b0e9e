import { api } from '../../shared/api/client';
import type { Chat, ChatResponse, CreateGroupRequest, UpdateGroupRequest } from '@messenger/contract';

const chatPath = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}`;

export async function createGroup(body: CreateGroupRequest): Promise<Chat> {
  const { data } = await api.post<ChatResponse>('/api/chats/group', body);
  return data.chat;
}

/** Owner only: rename, change the photo or who can join, or hand ownership to another member. */
export async function updateGroup(chatId: string, body: UpdateGroupRequest): Promise<Chat> {
  const { data } = await api.put<ChatResponse>(chatPath(chatId), body);
  return data.chat;
}

export async function deleteGroup(chatId: string): Promise<void> {
  await api.delete(chatPath(chatId));
}

/** Owner only; past MAX_GROUP_PARTICIPANTS the server answers 422 GROUP_FULL. */
export async function addParticipants(chatId: string, userIds: string[]): Promise<Chat> {
  const { data } = await api.post<ChatResponse>(`${chatPath(chatId)}/participants`, { userIds });
  return data.chat;
}

/** An open group (or one we are in already); a private group answers 404 like one that does not exist. */
export async function joinGroup(chatId: string): Promise<Chat> {
  const { data } = await api.post<ChatResponse>(`${chatPath(chatId)}/join`);
  return data.chat;
}

/** The owner removes a member; anyone removes themselves to leave. */
export async function removeParticipant(chatId: string, userId: string): Promise<void> {
  await api.delete(`${chatPath(chatId)}/participants/${encodeURIComponent(userId)}`);
}
