import { MAX_GROUP_PARTICIPANTS, type GroupVisibility } from '@messenger/contract';
import { getErrorCode, getErrorMessage } from '../../shared/api/errors';
import * as groupsApi from './groupsApi';
import { useChatsStore } from './chatsStore';

const store = () => useChatsStore.getState();

export const GROUP_FULL_MESSAGE = `A group can have at most ${MAX_GROUP_PARTICIPANTS} members. Remove someone before adding more.`;

/** Our wording for the member cap, whatever the server said; otherwise the usual message. */
export function groupErrorMessage(error: unknown): string {
  return getErrorCode(error) === 'GROUP_FULL' ? GROUP_FULL_MESSAGE : getErrorMessage(error);
}

/** Returns the new group's id. */
export async function createGroup(name: string, memberIds: string[], visibility: GroupVisibility): Promise<string> {
  const chat = await groupsApi.createGroup({ name, memberIds, visibility });
  store().chatReceived(chat);
  return chat.id;
}

export async function renameGroup(chatId: string, name: string): Promise<void> {
  store().chatReceived(await groupsApi.updateGroup(chatId, { name }));
}

/** An upload of ours (purpose avatar) as the group's photo; null removes it. */
export async function setGroupPhoto(chatId: string, avatarAttachmentId: string | null): Promise<void> {
  store().chatReceived(await groupsApi.updateGroup(chatId, { avatarAttachmentId }));
}

export async function setGroupVisibility(chatId: string, visibility: GroupVisibility): Promise<void> {
  store().chatReceived(await groupsApi.updateGroup(chatId, { visibility }));
}

/** Joins an open group and puts it in our list (our other devices hear of it through chat:created). */
export async function joinGroup(chatId: string): Promise<void> {
  store().chatReceived(await groupsApi.joinGroup(chatId));
}

export async function transferOwnership(chatId: string, ownerId: string): Promise<void> {
  store().chatReceived(await groupsApi.updateGroup(chatId, { ownerId }));
}

export async function addMembers(chatId: string, userIds: string[]): Promise<void> {
  store().chatReceived(await groupsApi.addParticipants(chatId, userIds));
}

/** The server's chat:members brings the new member list; the request answers only 204. */
export async function removeMember(chatId: string, userId: string): Promise<void> {
  await groupsApi.removeParticipant(chatId, userId);
}

/** We chose to go, so this is no surprise to announce (unlike being removed). */
export async function leaveGroup(chatId: string, currentUserId: string): Promise<void> {
  await groupsApi.removeParticipant(chatId, currentUserId);
  store().chatLeft(chatId);
}

export async function deleteGroup(chatId: string): Promise<void> {
  await groupsApi.deleteGroup(chatId);
  store().chatLeft(chatId);
}
