import { isAxiosError } from 'axios';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectApiToSession } from '../../app/sessionBridge';
import { api } from '../../shared/api/client';
import { apiError, fakeApi, ok } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { restoreSession } from './session';
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

  it('signs out when the refresh is refused, failing the original request', async () => {
    useSessionStore.getState().signedIn(alice, 'expired');
    fakeApi({
      'POST /api/auth/refresh': () => apiError(401, 'UNAUTHORIZED', 'Session revoked'),
      'GET /api/chats': () => apiError(401, 'UNAUTHORIZED', 'Token expired'),
    });

    const failure: unknown = await api.get('/api/chats').catch((error: unknown) => error);

    expect(isAxiosError(failure) && failure.response?.status).toBe(401);
    expect(useSessionStore.getState()).toMatchObject({ status: 'signedOut', accessToken: null });
  });
});
