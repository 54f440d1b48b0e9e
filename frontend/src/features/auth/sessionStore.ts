import { create } from 'zustand';
import type { User } from '../../shared/api/types';

/** 'restoring' until the start-up refresh has told us whether a session survives the reload. */
export type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

interface SessionState {
  status: SessionStatus;
  user: User | null;
  /** Only ever in memory: a reload gets a new one from the httpOnly refresh cookie. */
  accessToken: string | null;
  signedIn: (user: User, accessToken: string) => void;
  tokenRefreshed: (accessToken: string) => void;
  signedOut: () => void;
}

export const useSessionStore = create<SessionState>()((set) => ({
  status: 'restoring',
  user: null,
  accessToken: null,
  signedIn: (user, accessToken) => set({ status: 'signedIn', user, accessToken }),
  tokenRefreshed: (accessToken) => set({ accessToken }),
  signedOut: () => set({ status: 'signedOut', user: null, accessToken: null }),
}));

export const selectCurrentUser = (state: SessionState) => state.user;
export const selectSessionStatus = (state: SessionState) => state.status;
