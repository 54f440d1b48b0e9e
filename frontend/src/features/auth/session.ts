import { isAxiosError } from 'axios';
import * as authApi from './authApi';
import { useSessionStore } from './sessionStore';

export const getAccessToken = () => useSessionStore.getState().accessToken;

let refreshInFlight: Promise<string> | null = null;

/**
 * Gets a new access token from the refresh cookie. Single-flight: every caller during one
 * refresh shares it, because the server rotates refresh tokens and treats a second use of
 * the old one as theft (revoking the whole session).
 */
export function refreshAccessToken(): Promise<string> {
  refreshInFlight ??= withCrossTabLock(authApi.refresh)
    .then(
      ({ accessToken }) => {
        useSessionStore.getState().tokenRefreshed(accessToken);
        return accessToken;
      },
      (error: unknown) => {
        // Only the server's refusal ends the session; a network blip must not sign the user out.
        if (isAxiosError(error) && error.response) useSessionStore.getState().signedOut();
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
  try {
    await authApi.logout();
  } catch {
    // Signing out on this device must work even when the server cannot be reached.
  } finally {
    useSessionStore.getState().signedOut();
  }
}

/**
 * Tabs share the refresh cookie: two tabs refreshing at once would present the same token
 * twice. The Web Locks API (secure contexts only) lets them take turns.
 */
function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  if (!('locks' in navigator)) return task();
  return navigator.locks.request('1000-messenger:auth-refresh', task);
}
