import { api } from '../../shared/api/client';
import type { UserProfile, UserProfileResponse } from '@messenger/contract';

/** Anyone's public profile, with whether they are our contact; 404 for an unknown user. */
export async function fetchUserProfile(userId: string): Promise<UserProfile> {
  const { data } = await api.get<UserProfileResponse>(`/api/users/${encodeURIComponent(userId)}`);
  return data.user;
}
