import { create } from 'zustand';
import type { CurrentUser, User } from '@messenger/contract';

/** 'restoring' until the start-up refresh has told us whether a session survives the reload. */
export type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

/**
 * Why the last session ended: the user signed out on this device, the server ended it (revoked from another
 * device, expired), or an admin deactivated the account; the login page explains the last two. None when there was
 * no session to restore.
 */
export type SignOutReason = 'userSignedOut' | 'sessionEnded' | 'accountDeactivated';

/**
 * The signed-in user. Login, registration and GET /api/users/me send the role and status with it; a user made up
 * elsewhere (an older test, a profile update) may lack them, which counts as a member.
 */
export type SignedInUser = User & Partial<Pick<CurrentUser, 'role' | 'status'>>;

interface SessionState {
  status: SessionStatus;
  user: SignedInUser | null;
  /** Only ever in memory: a reload gets a new one from the httpOnly refresh cookie. */
  accessToken: string | null;
  signOutReason: SignOutReason | null;
  signedIn: (user: SignedInUser, accessToken: string) => void;
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
/** The Admin area shows only for admins; the server checks the role again on every admin call. */
export const selectIsAdmin = (state: SessionState) => state.user?.role === 'admin';
export const selectSessionStatus = (state: SessionState) => state.status;
export const selectSignOutReason = (state: SessionState) => state.signOutReason;
