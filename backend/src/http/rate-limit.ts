import type { Request, RequestHandler } from 'express';
import {
  ipKeyGenerator,
  MemoryStore,
  rateLimit,
  type IncrementResponse,
  type Options,
  type RateLimitRequestHandler,
  type Store,
} from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Config } from '../config/env';
import type { RedisDegradation } from '../lib/degraded';
import { primaryNodes, type RedisClient } from '../lib/redis';
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

/** The limits as the environment sets them (RATE_LIMIT_*, AUTH_RATE_LIMIT_*, …; docs/security.md). */
export function rateLimitSettings(config: Config): RateLimitSettings {
  return {
    enabled: config.RATE_LIMIT_ENABLED,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    maxRequests: config.RATE_LIMIT_MAX_REQUESTS,
    authWindowMs: config.AUTH_RATE_LIMIT_WINDOW_MS,
    authMaxAttempts: config.AUTH_RATE_LIMIT_MAX_ATTEMPTS,
    registrationsPerHour: config.REGISTRATION_RATE_LIMIT_PER_HOUR,
    contactRequestsPerHour: config.CONTACT_REQUEST_RATE_LIMIT_PER_HOUR,
  };
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
  /** Failed password changes per user: a borrowed session guessing the password it would need. */
  passwordChanges: RequestHandler;
  /** Failed password resets per IP. */
  passwordResets: RequestHandler;
}

const passThrough: RequestHandler = (_req, _res, next) => next();
const clientIp = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
const loginKey = (req: Request) => {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  return `${typeof username === 'string' ? username.trim().toLowerCase() : ''}|${clientIp(req)}`;
};

/**
 * rate-limit-redis' commands: each counter is one key, and its scripts (EVALSHA with that key) go where ioredis
 * routes the key, on a cluster to the master of its slot. SCRIPT LOAD names no key, so on a cluster it is sent
 * to every master (and sent again after a NOSCRIPT, as on a replica promoted since).
 */
async function sendCommand(client: RedisClient, [name = '', ...args]: string[]): Promise<RedisReply> {
  if (client.isCluster && name.toUpperCase() === 'SCRIPT') {
    const [sha] = await Promise.all(primaryNodes(client).map((node) => node.call(name, ...args)));
    return sha as RedisReply;
  }
  return client.call(name, ...args) as Promise<RedisReply>;
}

/**
 * Counters in Redis, shared by every instance; while Redis cannot answer, in this instance's memory. A request is
 * never held or failed for want of Redis (its client fails at once while disconnected), and a password guesser
 * still meets a limit during an outage, if a per-instance one.
 */
class RedisOrMemoryStore implements Store {
  private readonly redis: RedisStore;
  private readonly memory = new MemoryStore();

  constructor(
    client: RedisClient,
    readonly prefix: string,
    private readonly degradation: RedisDegradation,
  ) {
    this.redis = new RedisStore({ prefix, sendCommandCluster: ({ command }) => sendCommand(client, command) });
  }

  async init(options: Options): Promise<void> {
    this.memory.init(options);
    await this.redis.init(options).catch((error: unknown) => this.degradation.report('rate_limit', error));
  }

  async increment(key: string): Promise<IncrementResponse> {
    return this.redis.increment(key).catch((error: unknown) => {
      this.degradation.report('rate_limit', error);
      return this.memory.increment(key);
    });
  }

  async decrement(key: string): Promise<void> {
    await this.redis.decrement(key).catch(() => this.memory.decrement(key));
  }

  async resetKey(key: string): Promise<void> {
    await this.memory.resetKey(key);
    await this.redis.resetKey(key).catch((error: unknown) => this.degradation.report('rate_limit', error));
  }
}

/**
 * express-rate-limit with its counters in Redis when configured (so every instance sees the same counts) and in
 * memory otherwise. A blocked request gets the contract's 429 error body with Retry-After.
 */
export function createRateLimiters(
  settings: RateLimitSettings,
  redis: { client: RedisClient; degradation: RedisDegradation } | undefined,
): RateLimiters {
  if (!settings.enabled) {
    return {
      publicApi: passThrough,
      userApi: passThrough,
      login: passThrough,
      loginSucceeded: async () => undefined,
      registration: passThrough,
      contactRequests: passThrough,
      passwordChanges: passThrough,
      passwordResets: passThrough,
    };
  }

  const limiter = (prefix: string, options: Partial<Options>): RateLimitRequestHandler =>
    rateLimit({
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      store: redis ? new RedisOrMemoryStore(redis.client, `rl:${prefix}:`, redis.degradation) : undefined,
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
    passwordChanges: limiter('password-change', {
      windowMs: settings.authWindowMs,
      limit: settings.authMaxAttempts,
      keyGenerator: (req) => req.auth?.userId ?? clientIp(req),
      skipSuccessfulRequests: true,
      message: 'Too many failed password changes; try again later',
    }),
    passwordResets: limiter('password-reset', {
      windowMs: settings.authWindowMs,
      limit: settings.authMaxAttempts,
      keyGenerator: clientIp,
      skipSuccessfulRequests: true,
      message: 'Too many failed password resets; try again later',
    }),
  };
}
