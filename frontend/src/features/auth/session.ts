import { isAxiosError } from 'axios';
import * as authApi from './authApi';
import { useSessionStore } from './sessionStore';

export const getAccessToken = () => useSessionStore.getState().accessToken;

/** Set while this device signs itself out, so that the server closing our socket is not taken for a revocation. */
let signingOut = false;

/**
 * Whether a failed refresh means the session is over. A network blip or a rate limit (429) must not sign the
 * user out: only the server refusing the refresh token does.
 */
function refreshWasRefused(error: unknown): boolean {
  const status = isAxiosError(error) ? error.response?.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** The server ended a session we were using (revoked from another device, expired, or a reused token). */
function sessionEnded(): void {
  const { status, signedOut } = useSessionStore.getState();
  // A refusal that arrives after this device has signed out (a refresh its socket asked for meanwhile) must not
  // turn "signed out on purpose" into "signed out by someone else": that would bring the next user back here.
  if (status === 'signedOut') return;
  if (signingOut) signedOut('userSignedOut');
  // During start-up a refusal only means there was nothing to restore: no notice for that.
  else signedOut(status === 'signedIn' ? 'sessionEnded' : undefined);
}

let refreshInFlight: Promise<string> | null = null;

/**
 * Gets a new access token from the refresh cookie. Single-flight: every caller during one
 * refresh shares it. The server rotates refresh tokens; a second use of the old one within its
 * grace window (30 s) only gets the same new pair again, but later it counts as theft and
 * revokes the whole session, so one refresh at a time is still what we send.
 */
export function refreshAccessToken(): Promise<string> {
  refreshInFlight ??= withCrossTabLock(authApi.refresh)
    .then(
      ({ accessToken }) => {
        useSessionStore.getState().tokenRefreshed(accessToken);
        return accessToken;
      },
      (error: unknown) => {
        if (refreshWasRefused(error)) sessionEnded();
        throw error;
      },
    )
    .finally(() => {
      refreshInFlight = null;
    });
  return refreshInFlight;
}

/** On start-up: a surviving refresh cookie signs the user in again after a reload. */
export async function restoreSession(): Promise<void> {
  try {
    const accessToken = await refreshAccessToken();
    const user = await authApi.fetchCurrentUser();
    // Fetching the user may itself have refreshed the token once more.
    useSessionStore.getState().signedIn(user, useSessionStore.getState().accessToken ?? accessToken);
  } catch {
    useSessionStore.getState().signedOut();
  }
}

export async function signOut(): Promise<void> {
  signingOut = true;
  try {
    await authApi.logout();
  } catch {
    // Signing out on this device must work even when the server cannot be reached.
  } finally {
    signingOut = false;
    useSessionStore.getState().signedOut('userSignedOut');
  }
}

/**
 * Tabs share the refresh cookie: two tabs refreshing at once present the same token twice.
 * The Web Locks API (secure contexts only) lets them take turns; where it is missing, the
 * server's grace window answers both with the same pair, so neither tab is signed out.
 */
function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  if (!('locks' in navigator)) return task();
  return navigator.locks.request('1000-messenger:auth-refresh', task);
}
