import { isAxiosError } from 'axios';
import { getErrorCode } from '../../shared/api/errors';
import { backoffDelayMs } from '../../shared/lib/backoff';
import * as authApi from './authApi';
import { useSessionStore } from './sessionStore';

export const getAccessToken = () => useSessionStore.getState().accessToken;

/** Set while this device signs itself out, so that the server closing our socket is not taken for a revocation. */
let signingOut = false;

/**
 * Whether a failed refresh means the session is over: only the server refusing the refresh token (401), or the
 * account behind it (403, deactivated by an admin), does. A network failure, a rate limit (429) or a server error
 * (a 5xx while the server or one of its dependencies is away) must not sign the user out.
 */
function refreshWasRefused(error: unknown): boolean {
  return isAxiosError(error) && (error.response?.status === 401 || error.response?.status === 403);
}

/** The server ended a session we were using (revoked from another device, expired, a reused token, deactivated). */
function sessionEnded(refusal: unknown): void {
  const { status, signedOut } = useSessionStore.getState();
  // A refusal that arrives after this device has signed out (a refresh its socket asked for meanwhile) must not
  // turn "signed out on purpose" into "signed out by someone else": that would bring the next user back here.
  if (status === 'signedOut') return;
  if (signingOut) signedOut('userSignedOut');
  else if (getErrorCode(refusal) === 'ACCOUNT_DEACTIVATED') signedOut('accountDeactivated');
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
        if (refreshWasRefused(error)) sessionEnded(error);
        throw error;
      },
    )
    .finally(() => {
      refreshInFlight = null;
    });
  return refreshInFlight;
}

/**
 * Refreshes until the server answers: a refresh that fails for any other reason than a refusal is tried again
 * after a growing, jittered pause (1 s, 2 s, 4 s … at most 30 s), so that a reload or a socket during an outage
 * comes back by itself once the server does. Rejects only when the session is over: refused, or signed out.
 */
export async function refreshAccessTokenPersistently(): Promise<string> {
  const signedOut = () => useSessionStore.getState().status === 'signedOut';
  for (let attempt = 0; ; attempt++) {
    try {
      return await refreshAccessToken();
    } catch (error) {
      if (refreshWasRefused(error) || signedOut()) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt)));
      // Signed out while waiting: no further attempt.
      if (signedOut()) throw error;
    }
  }
}

/** On start-up: a surviving refresh cookie signs the user in again after a reload. */
export async function restoreSession(): Promise<void> {
  try {
    const accessToken = await refreshAccessTokenPersistently();
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
