import { api } from '../../shared/api/client';
import type {
  ChangePasswordRequest,
  CurrentUser,
  CurrentUserResponse,
  DeviceSession,
  SessionsResponse,
  UpdateProfileRequest,
} from '@messenger/contract';

export async function fetchMyProfile(): Promise<CurrentUser> {
  const { data } = await api.get<CurrentUserResponse>('/api/users/me');
  return data.user;
}

export async function updateMyProfile(changes: UpdateProfileRequest): Promise<CurrentUser> {
  const { data } = await api.put<CurrentUserResponse>('/api/users/me', changes);
  return data.user;
}

/** Every device signed in to this account, this one included (`current`). */
export async function fetchSessions(): Promise<DeviceSession[]> {
  const { data } = await api.get<SessionsResponse>('/api/auth/sessions');
  return data.sessions;
}

/** Signs that device out: its refresh token stops working and its live connection is closed. */
export async function revokeSession(sessionId: string): Promise<void> {
  await api.delete(`/api/auth/sessions/${encodeURIComponent(sessionId)}`);
}

/** Needs the current password; every other session of the account ends, this one stays. */
export async function changePassword(body: ChangePasswordRequest): Promise<void> {
  await api.put('/api/users/me/password', body);
}
