import { Router, type CookieOptions, type Request, type Response } from 'express';
import { currentUserId } from '../../http/authenticate';
import type { RateLimiters } from '../../http/rate-limit';
import { parseInput } from '../../http/validate';
import { unauthorized } from '../../lib/errors';
import { loginBodySchema, refreshBodySchema, registerBodySchema, sessionIdParamSchema } from './auth.schemas';
import type { AuthService } from './auth.service';

export const REFRESH_COOKIE = 'refresh_token';

export interface AuthRouteOptions {
  secureCookies: boolean;
  refreshTtlMs: number;
  limiters: Pick<RateLimiters, 'login' | 'loginSucceeded' | 'registration'>;
}

/** Register, login, refresh, logout: the routes that work without an access token. */
export function authRoutes(auth: AuthService, options: AuthRouteOptions): Router {
  const router = Router();
  const cookieOptions: CookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secureCookies,
    path: '/api/auth',
  };
  const setRefreshCookie = (res: Response, token: string) =>
    res.cookie(REFRESH_COOKIE, token, { ...cookieOptions, maxAge: options.refreshTtlMs });
  const clientInfo = (req: Request) => ({ userAgent: req.get('user-agent'), ip: req.ip });
  const presentedRefreshToken = (req: Request): string | undefined =>
    parseInput(refreshBodySchema, req.body ?? {}).refreshToken ??
    (req.cookies as Record<string, string> | undefined)?.[REFRESH_COOKIE];

  router.post('/register', options.limiters.registration, async (req, res) => {
    const result = await auth.register(parseInput(registerBodySchema, req.body), clientInfo(req));
    setRefreshCookie(res, result.refreshToken);
    res.status(201).json(result);
  });

  router.post('/login', options.limiters.login, async (req, res) => {
    const result = await auth.login(parseInput(loginBodySchema, req.body), clientInfo(req));
    await options.limiters.loginSucceeded(req);
    setRefreshCookie(res, result.refreshToken);
    res.json(result);
  });

  router.post('/refresh', async (req, res) => {
    try {
      const token = presentedRefreshToken(req);
      if (!token) throw unauthorized('No refresh token');
      const result = await auth.refresh(token);
      setRefreshCookie(res, result.refreshToken);
      res.json(result);
    } catch (error) {
      res.clearCookie(REFRESH_COOKIE, cookieOptions);
      throw error;
    }
  });

  router.post('/logout', async (req, res) => {
    await auth.logout(presentedRefreshToken(req));
    res.clearCookie(REFRESH_COOKIE, cookieOptions);
    res.status(204).end();
  });

  return router;
}

/** The signed-in user's devices; mounted behind the access-token check. */
export function sessionRoutes(auth: AuthService): Router {
  const router = Router();

  router.get('/sessions', async (req, res) => {
    res.json({ sessions: await auth.sessions(currentUserId(req), req.auth?.sessionId ?? '') });
  });

  router.delete('/sessions/:id', async (req, res) => {
    const { id } = parseInput(sessionIdParamSchema, req.params);
    await auth.revoke(currentUserId(req), id);
    res.status(204).end();
  });

  return router;
}
