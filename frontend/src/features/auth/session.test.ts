import { AxiosError, isAxiosError } from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectApiToSession } from '../../app/sessionBridge';
import { api } from '../../shared/api/client';
import { apiError, fakeApi, noContent, ok, rateLimited } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { refreshAccessToken, refreshAccessTokenPersistently, restoreSession, signOut } from './session';
import { useSessionStore } from './sessionStore';

const alice = makeUser({ id: 'u1', username: 'alice' });

describe('session', () => {
  beforeEach(() => {
    connectApiToSession();
  });

  it('restores the session after a reload from the refresh cookie', async () => {
    const requests = fakeApi({
      'POST /api/auth/refresh': () => ok({ accessToken: 'fresh', refreshToken: 'r2' }),
      'GET /api/users/me': () => ok({ user: alice }),
    });

    await restoreSession();

    expect(useSessionStore.getState()).toMatchObject({
      status: 'signedIn',
      user: alice,
      accessToken: 'fresh',
    });
    expect(requests[0]?.body).toEqual({});
    expect(requests[1]?.authorization).toBe('Bearer fresh');
  });

  describe('while the server cannot answer', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A refresh route that fails as listed (a network error, or a status), then succeeds; notes when it is asked. */
    function flakyRefresh(failures: ('network' | number)[]) {
      const askedAt: number[] = [];
      const requests = fakeApi({
        'POST /api/auth/refresh': () => {
          askedAt.push(Date.now());
          const failure = failures.shift();
          if (failure === 'network') throw new AxiosError('Network Error', AxiosError.ERR_NETWORK);
          if (failure) return apiError(failure, 'SERVICE_UNAVAILABLE', 'Try again later');
          return ok({ accessToken: 'fresh', refreshToken: 'r2' });
        },
        'GET /api/users/me': () => ok({ user: alice }),
      });
      const pauses = () => askedAt.slice(1).map((at, index) => at - (askedAt[index] ?? at));
      return { requests, askedAt, pauses };
    }

    it('restores the session after a reload once refreshing works again, pausing longer each time', async () => {
      const refresh = flakyRefresh(['network', 503, 500, 'network']);

      const restored = restoreSession();
      await vi.advanceTimersByTimeAsync(60_000);
      await restored;

      expect(useSessionStore.getState()).toMatchObject({ status: 'signedIn', user: alice, accessToken: 'fresh' });
      expect(refresh.askedAt).toHaveLength(5);
      // Doubling pauses from 1 s, each spread over its upper half.
      refresh.pauses().forEach((pause, attempt) => {
        expect(pause).toBeGreaterThanOrEqual(500 * 2 ** attempt);
        expect(pause).toBeLessThanOrEqual(1_000 * 2 ** attempt);
      });
    });

    it('keeps trying every 30 seconds at most, however long the outage', async () => {
      useSessionStore.getState().signedIn(alice, 'expired');
      const refresh = flakyRefresh(Array.from({ length: 12 }, () => 503));

      const refreshed = refreshAccessTokenPersistently();
      await vi.advanceTimersByTimeAsync(10 * 60_000);

      await expect(refreshed).resolves.toBe('fresh');
      expect(refresh.askedAt).toHaveLength(13);
      expect(Math.max(...refresh.pauses())).toBeLessThanOrEqual(30_000);
      expect(useSessionStore.getState()).toMatchObject({ status: 'signedIn', accessToken: 'fresh' });
    });

    it('stops at the first refusal (401) and signs out', async () => {
      useSessionStore.getState().signedIn(alice, 'expired');
      const refresh = flakyRefresh([503, 401]);

      const refreshed = refreshAccessTokenPersistently().catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(60_000);

      expect(isAxiosError(await refreshed)).toBe(true);
      expect(refresh.askedAt).toHaveLength(2);
      expect(useSessionStore.getState()).toMatchObject({ status: 'signedOut', signOutReason: 'sessionEnded' });
    });

    it('stops at a deactivated account (403) and signs out, saying why', async () => {
      useSessionStore.getState().signedIn(alice, 'expired');
      const askedAt: number[] = [];
      fakeApi({
        'POST /api/auth/refresh': () => {
          askedAt.push(Date.now());
          return apiError(403, 'ACCOUNT_DEACTIVATED', 'Account is deactivated');
        },
      });

      const refreshed = refreshAccessTokenPersistently().catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(60_000);

      expect(isAxiosError(await refreshed)).toBe(true);
      expect(askedAt).toHaveLength(1);
      expect(useSessionStore.getState()).toMatchObject({ status: 'signedOut', signOutReason: 'accountDeactivated' });
    });

    it('stops trying once the user signs out meanwhile', async () => {
      useSessionStore.getState().signedIn(alice, 'expired');
      const refresh = flakyRefresh(Array.from({ length: 20 }, () => 503));

      const refreshed = refreshAccessTokenPersistently().catch(() => 'gave up');
      await vi.advanceTimersByTimeAsync(2_000);
      const askedBeforeSignOut = refresh.askedAt.length;
      useSessionStore.getState().signedOut('userSignedOut');
      await vi.advanceTimersByTimeAsync(60_000);

      expect(await refreshed).toBe('gave up');
      // Not one more attempt, whatever the random pauses were (a pause running at the sign-out included).
      expect(refresh.askedAt.length).toBe(askedBeforeSignOut);
    });
  });

  it('ends up signed out when there is no session to restore', async () => {
    fakeApi({ 'POST /api/auth/refresh': () => apiError(401, 'UNAUTHORIZED', 'No refresh token') });

    await restoreSession();

    expect(useSessionStore.getState().status).toBe('signedOut');
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    useSessionStore.getState().signedIn(alice, 'expired');
    let refreshes = 0;
    const requests = fakeApi({
      'POST /api/auth/refresh': async () => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return ok({ accessToken: 'renewed', refreshToken: 'r2' });
      },
      'GET /api/:resource': ({ authorization, pathParams }) =>
        authorization === 'Bearer renewed'
          ? ok({ resource: pathParams.resource })
          : apiError(401, 'UNAUTHORIZED', 'Token expired'),
    });

    const responses = await Promise.all([
      api.get<{ resource: string }>('/api/chats'),
      api.get<{ resource: string }>('/api/contacts'),
    ]);

    expect(responses.map((response) => response.data)).toEqual([{ resource: 'chats' }, { resource: 'contacts' }]);
    expect(refreshes).toBe(1);
    expect(requests.filter((request) => request.path === '/api/chats')).toHaveLength(2);
    expect(useSessionStore.getState().accessToken).toBe('renewed');
  });

  it('refreshes an expired token for the session list too, though it lives under /api/auth', async () => {
    useSessionStore.getState().signedIn(alice, 'expired');
    fakeApi({
      'POST /api/auth/refresh': () => ok({ accessToken: 'renewed', refreshToken: 'r2' }),
      'GET /api/auth/sessions': ({ authorization }) =>
        authorization === 'Bearer renewed' ? ok({ sessions: [] }) : apiError(401, 'UNAUTHORIZED', 'Token expired'),
    });

    const response = await api.get('/api/auth/sessions');

    expect(response.data).toEqual({ sessions: [] });
  });

  it('signs out when the refresh is refused, failing the original request', async () => {
    useSessionStore.getState().signedIn(alice, 'expired');
    fakeApi({
      'POST /api/auth/refresh': () => apiError(401, 'UNAUTHORIZED', 'Session revoked'),
      'GET /api/chats': () => apiError(401, 'UNAUTHORIZED', 'Token expired'),
    });

    const failure: unknown = await api.get('/api/chats').catch((error: unknown) => error);

    expect(isAxiosError(failure) && failure.response?.status).toBe(401);
    expect(useSessionStore.getState()).toMatchObject({
      status: 'signedOut',
      accessToken: null,
      signOutReason: 'sessionEnded',
    });
  });

  it('stays signed in when the refresh is only rate limited', async () => {
    useSessionStore.getState().signedIn(alice, 'expired');
    fakeApi({ 'POST /api/auth/refresh': () => rateLimited(30) });

    await expect(refreshAccessToken()).rejects.toThrow();

    expect(useSessionStore.getState()).toMatchObject({ status: 'signedIn', accessToken: 'expired' });
  });

  it('gives no "signed out" notice when this device signs itself out', async () => {
    useSessionStore.getState().signedIn(alice, 'token-1');
    // The server closes our socket as it revokes the session, and the socket asks for a refresh meanwhile.
    fakeApi({
      'POST /api/auth/logout': async () => {
        await refreshAccessToken().catch(() => undefined);
        return noContent;
      },
      'POST /api/auth/refresh': () => apiError(401, 'UNAUTHORIZED', 'Session has ended'),
    });

    await signOut();

    expect(useSessionStore.getState()).toMatchObject({ status: 'signedOut', signOutReason: 'userSignedOut' });
  });

  it('stays "signed out on purpose" when a refresh asked for during sign-out is refused only afterwards', async () => {
    useSessionStore.getState().signedIn(alice, 'token-1');
    let refuseRefresh: (() => void) | undefined;
    const refused = new Promise<void>((resolve) => {
      refuseRefresh = resolve;
    });
    fakeApi({
      'POST /api/auth/logout': () => noContent,
      'POST /api/auth/refresh': async () => {
        await refused;
        return apiError(401, 'UNAUTHORIZED', 'Session has ended');
      },
    });
    const lateRefresh = refreshAccessToken().catch(() => undefined);

    await signOut();
    refuseRefresh?.();
    await lateRefresh;

    expect(useSessionStore.getState()).toMatchObject({ status: 'signedOut', signOutReason: 'userSignedOut' });
  });
});
