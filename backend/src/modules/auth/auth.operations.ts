import {
  authResponseSchema,
  loginBodySchema,
  refreshBodySchema,
  registerBodySchema,
  sessionIdParamSchema,
  sessionsResponseSchema,
  tokensSchema,
} from '@messenger/contract';
import type { CookieOptions, Request, Response } from 'express';
import { operationsOf, type OperationRequest } from '../../http/operations';
import type { RateLimiters } from '../../http/rate-limit';
import { unauthorized } from '../../lib/errors';
import type { AuthService } from './auth.service';

export const REFRESH_COOKIE = 'refresh_token';

export interface AuthOperationDeps {
  auth: AuthService;
  secureCookies: boolean;
  refreshTtlMs: number;
  limiters: Pick<RateLimiters, 'login' | 'loginSucceeded' | 'registration'>;
}

const operation = operationsOf<AuthOperationDeps>();

const cookieOptions = ({ secureCookies }: AuthOperationDeps): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  secure: secureCookies,
  path: '/api/auth',
});
const setRefreshCookie = (res: Response, token: string, deps: AuthOperationDeps) =>
  res.cookie(REFRESH_COOKIE, token, { ...cookieOptions(deps), maxAge: deps.refreshTtlMs });
const clientInfo = (req: Request) => ({ userAgent: req.get('user-agent'), ip: req.ip });

/** Browsers send the refresh token as the cookie; other clients in the body. */
const presentedRefreshToken = ({ body, req }: OperationRequest<unknown, unknown, { refreshToken?: string }>) =>
  body.refreshToken ?? (req.cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE];

/** Register, login, refresh, logout (no access token needed) and the signed-in user's devices. */
export const authOperations = [
  operation({
    method: 'post',
    path: '/api/auth/register',
    tag: 'auth',
    access: 'public',
    summary: 'Register and sign in',
    before: ({ limiters }) => [limiters.registration],
    body: registerBodySchema,
    responses: {
      201: { description: 'signed in; also sets the refresh_token cookie', json: authResponseSchema },
      400: 'invalid username or password',
      403: 'REGISTRATION_CLOSED, INVITE_REQUIRED or INVITE_INVALID (see GET /api/auth/registration)',
      409: 'username taken',
    },
    handle: async ({ body, req, res }, deps) => {
      const result = await deps.auth.register(body, clientInfo(req));
      setRefreshCookie(res, result.refreshToken, deps);
      return { status: 201, body: result };
    },
  }),
  operation({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    access: 'public',
    summary: 'Sign in',
    before: ({ limiters }) => [limiters.login],
    body: loginBodySchema,
    responses: {
      200: { description: 'signed in; also sets the refresh_token cookie', json: authResponseSchema },
      401: 'wrong username or password',
      429: 'too many failed attempts (Retry-After)',
    },
    handle: async ({ body, req, res }, deps) => {
      const result = await deps.auth.login(body, clientInfo(req));
      await deps.limiters.loginSucceeded(req);
      setRefreshCookie(res, result.refreshToken, deps);
      return { status: 200, body: result };
    },
  }),
  operation({
    method: 'post',
    path: '/api/auth/refresh',
    tag: 'auth',
    access: 'public',
    summary: 'Rotate the refresh token (body or cookie)',
    body: refreshBodySchema,
    responses: {
      200: { description: 'a new token pair; the cookie follows', json: tokensSchema },
      401: 'invalid, expired or reused token (reuse after the grace window ends the session; a made-up one changes nothing)',
    },
    handle: async (request, deps) => {
      try {
        const token = presentedRefreshToken(request);
        if (!token) throw unauthorized('No refresh token');
        const result = await deps.auth.refresh(token);
        setRefreshCookie(request.res, result.refreshToken, deps);
        return { status: 200, body: result };
      } catch (error) {
        request.res.clearCookie(REFRESH_COOKIE, cookieOptions(deps));
        throw error;
      }
    },
  }),
  operation({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    access: 'public',
    summary: 'End this session',
    body: refreshBodySchema,
    responses: { 204: { description: 'signed out' } },
    handle: async (request, deps) => {
      await deps.auth.logout(presentedRefreshToken(request));
      request.res.clearCookie(REFRESH_COOKIE, cookieOptions(deps));
      return { status: 204 };
    },
  }),
  operation({
    method: 'get',
    path: '/api/auth/sessions',
    tag: 'auth',
    access: 'user',
    summary: 'Your signed-in devices',
    responses: { 200: { description: 'every session of yours that can still refresh', json: sessionsResponseSchema } },
    handle: async ({ userId, req }, { auth }) => ({
      status: 200,
      body: { sessions: await auth.sessions(userId, req.auth?.sessionId ?? '') },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/auth/sessions/{id}',
    tag: 'auth',
    access: 'user',
    summary: 'Sign a device out',
    params: sessionIdParamSchema,
    responses: { 204: { description: 'revoked' }, 404: 'not one of your sessions' },
    handle: async ({ userId, params }, { auth }) => {
      await auth.revoke(userId, params.id);
      return { status: 204 };
    },
  }),
];
