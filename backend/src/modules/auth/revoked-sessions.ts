import type { Redis } from 'ioredis';
import { unauthorized } from '../../lib/errors';
import type { TokenService, VerifiedAccess } from './tokens';

/**
 * Sessions signed out before their access tokens expire. A JWT stays valid until it expires, so without this a
 * signed-out device could go on using the API (and open sockets) for the rest of the token's lifetime. An entry
 * is kept only that long: after it no access token of the session can still be valid.
 */
export interface RevokedSessions {
  add(sessionId: string): Promise<void>;
  has(sessionId: string): Promise<boolean>;
}

/** One instance: the list in memory. */
export class MemoryRevokedSessions implements RevokedSessions {
  private readonly until = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  add(sessionId: string): Promise<void> {
    const now = Date.now();
    for (const [id, expiresAt] of this.until) if (expiresAt <= now) this.until.delete(id);
    this.until.set(sessionId, now + this.ttlMs);
    return Promise.resolve();
  }

  has(sessionId: string): Promise<boolean> {
    return Promise.resolve((this.until.get(sessionId) ?? 0) > Date.now());
  }
}

/** Several instances: one key per revoked session in Redis, expiring by itself. */
export class RedisRevokedSessions implements RevokedSessions {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly prefix = 'revoked-session:',
  ) {}

  async add(sessionId: string): Promise<void> {
    await this.redis.set(`${this.prefix}${sessionId}`, '1', 'PX', this.ttlMs);
  }

  async has(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}${sessionId}`)) === 1;
  }
}

/** An access token is good when its signature and expiry are, and its session has not been signed out. */
export class AccessVerifier {
  constructor(
    private readonly tokens: TokenService,
    private readonly revoked: RevokedSessions,
  ) {}

  async verify(token: string): Promise<VerifiedAccess> {
    const claims = this.tokens.verifyAccess(token);
    if (await this.revoked.has(claims.sessionId)) throw unauthorized('This session has been signed out');
    return claims;
  }
}
