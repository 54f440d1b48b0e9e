import { create } from 'zustand';
import type { User } from '../../shared/api/types';

/** 'restoring' until the start-up refresh has told us whether a session survives the reload. */
export type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

/**
 * Why the last session ended: the user signed out on this device, the server ended it (revoked from another
 * device, expired), or an admin deactivated the account; the login page explains the last two. None when there was
 * no session to restore.
 */
export type SignOutReason = 'userSignedOut' | 'sessionEnded' | 'accountDeactivated';

interface SessionState {
  status: SessionStatus;
  user: User | null;
  /** Only ever in memory: a reload gets a new one from the httpOnly refresh cookie. */
  accessToken: string | null;
  signOutReason: SignOutReason | null;
  signedIn: (user: User, accessToken: string) => void;
  tokenRefreshed: (accessToken: string) => void;
  /** After the user edited their profile. */
  userUpdated: (user: User) => void;
  signedOut: (reason?: SignOutReason) => void;
}

export const useSessionStore = create<SessionState>()((set) => ({
  status: 'restoring',
  user: null,
  accessToken: null,
  signOutReason: null,
  signedIn: (user, accessToken) => set({ status: 'signedIn', user, accessToken, signOutReason: null }),
  tokenRefreshed: (accessToken) => set({ accessToken }),
  userUpdated: (user) => set((state) => (state.user ? { user: { ...state.user, ...user } } : state)),
  signedOut: (reason) => set({ status: 'signedOut', user: null, accessToken: null, signOutReason: reason ?? null }),
}));

export const selectCurrentUser = (state: SessionState) => state.user;
export const selectSessionStatus = (state: SessionState) => state.status;
export const selectSignOutReason = (state: SessionState) => state.signOutReason;
