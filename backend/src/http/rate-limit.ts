import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type RateLimitRequestHandler } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../lib/errors';

export interface RateLimitSettings {
  enabled: boolean;
  windowMs: number;
  maxRequests: number;
  authWindowMs: number;
  authMaxAttempts: number;
  registrationsPerHour: number;
  contactRequestsPerHour: number;
}

export interface RateLimiters {
  /** Per IP, for the routes that need no token. */
  publicApi: RequestHandler;
  /** Per user, behind the access-token check. */
  userApi: RequestHandler;
  /** Failed logins per username + IP; a successful login calls `loginSucceeded`. */
  login: RequestHandler;
  loginSucceeded(req: Request): Promise<void>;
  /** Accounts created per IP; refused registrations (a taken name, bad input) do not count. */
  registration: RequestHandler;
  /** Contact requests sent per user; refused ones (an unknown user, already contacts) do not count. */
  contactRequests: RequestHandler;
}

const passThrough: RequestHandler = (_req, _res, next) => next();
const clientIp = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
const loginKey = (req: Request) => {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  return `${typeof username === 'string' ? username.trim().toLowerCase() : ''}|${clientIp(req)}`;
};

/**
 * express-rate-limit with its counters in Redis when configured (so every instance sees the same counts) and in
 * memory otherwise. A blocked request gets the contract's 429 error body with Retry-After.
 */
export function createRateLimiters(settings: RateLimitSettings, redis: Redis | undefined): RateLimiters {
  if (!settings.enabled) {
    return {
      publicApi: passThrough,
      userApi: passThrough,
      login: passThrough,
      loginSucceeded: async () => undefined,
      registration: passThrough,
      contactRequests: passThrough,
    };
  }

  const limiter = (prefix: string, options: Partial<Options>): RateLimitRequestHandler =>
    rateLimit({
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // A Redis outage must not take the API down with it: fail open, the limiter resumes when Redis does.
      passOnStoreError: true,
      store: redis
        ? new RedisStore({
            prefix: `rl:${prefix}:`,
            sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
          })
        : undefined,
      handler: (req, res, next, used) => {
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const retryAfter = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
        res.setHeader('Retry-After', String(retryAfter));
        next(new AppError(429, 'RATE_LIMITED', String(used.message)));
      },
      ...options,
    });

  const login = limiter('login', {
    windowMs: settings.authWindowMs,
    limit: settings.authMaxAttempts,
    keyGenerator: loginKey,
    skipSuccessfulRequests: true,
    message: 'Too many failed sign-in attempts; try again later',
  });
  return {
    publicApi: limiter('ip', {
      windowMs: settings.windowMs,
      limit: settings.maxRequests,
      keyGenerator: clientIp,
      message: 'Too many requests; slow down',
    }),
    userApi: limiter('user', {
      windowMs: settings.windowMs,
      limit: settings.maxRequests,
      keyGenerator: (req) => req.auth?.userId ?? clientIp(req),
      message: 'Too many requests; slow down',
    }),
    login,
    loginSucceeded: (req) => Promise.resolve(login.resetKey(loginKey(req))),
    registration: limiter('register', {
      windowMs: 3_600_000,
      limit: settings.registrationsPerHour,
      keyGenerator: clientIp,
      skipFailedRequests: true,
      message: 'Too many new accounts from your network; try again later',
    }),
    contactRequests: limiter('contact-request', {
      windowMs: 3_600_000,
      limit: settings.contactRequestsPerHour,
      keyGenerator: (req) => req.auth?.userId ?? clientIp(req),
      skipFailedRequests: true,
      message: 'Too many contact requests; try again later',
    }),
  };
}
