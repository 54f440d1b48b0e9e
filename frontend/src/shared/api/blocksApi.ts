import { api } from './client';
import type { BlockedUser, BlockedUsersResponse } from '@messenger/contract';

// Blocking is one relationship seen from two places: a profile (block, unblock) and the settings (the list).

/** Everyone the signed-in user blocked. */
export async function fetchBlockedUsers(): Promise<BlockedUser[]> {
  const { data } = await api.get<BlockedUsersResponse>('/api/users/me/blocks');
  return data.users;
}

/** They can no longer message us in our direct chat, send us contact requests, or see our presence. */
export async function blockUser(userId: string): Promise<void> {
  await api.post(`/api/users/${encodeURIComponent(userId)}/block`);
}

export async function unblockUser(userId: string): Promise<void> {
  await api.delete(`/api/users/${encodeURIComponent(userId)}/block`);
}
