import type { RedisDegradation } from '../../lib/degraded';
import type { RedisClient } from '../../lib/redis';
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

  /** The sessions still listed, with how long each stays listed. */
  remaining(): [sessionId: string, ms: number][] {
    const now = Date.now();
    return [...this.until].filter(([, expiresAt]) => expiresAt > now).map(([id, expiresAt]) => [id, expiresAt - now]);
  }
}

/**
 * Several instances: one key per revoked session in Redis, expiring by itself (single-key commands only, so on a
 * Redis Cluster each key simply lives on the master of its slot).
 *
 * Redis being away must not take the API down, so a check that Redis cannot answer fails open (counted and logged
 * through `degradation`): a session signed out on another instance during the outage keeps its access tokens
 * until they expire, at most the access-token lifetime, as refreshing checks PostgreSQL. Sessions this instance
 * signed out, or saw signed out, are remembered here as long as their key would live, so they stay refused
 * meanwhile; and they are written back whenever the connection is ready again, in case Redis came back empty or
 * missed a sign-out made during the outage.
 */
export class RedisRevokedSessions implements RevokedSessions {
  private readonly known: MemoryRevokedSessions;

  constructor(
    private readonly redis: RedisClient,
    private readonly ttlMs: number,
    private readonly degradation: RedisDegradation,
    private readonly prefix = 'revoked-session:',
  ) {
    this.known = new MemoryRevokedSessions(ttlMs);
    redis.on('ready', () => void this.writeBack());
  }

  async add(sessionId: string): Promise<void> {
    await this.known.add(sessionId);
    await this.write(sessionId, this.ttlMs);
  }

  async has(sessionId: string): Promise<boolean> {
    if (await this.known.has(sessionId)) return true;
    try {
      const revoked = (await this.redis.exists(`${this.prefix}${sessionId}`)) === 1;
      if (revoked) await this.known.add(sessionId);
      return revoked;
    } catch (error) {
      this.degradation.report('revocation', error);
      return false;
    }
  }

  private async writeBack(): Promise<void> {
    for (const [sessionId, ms] of this.known.remaining()) await this.write(sessionId, ms);
  }

  private async write(sessionId: string, ms: number): Promise<void> {
    await this.redis
      .set(`${this.prefix}${sessionId}`, '1', 'PX', ms)
      .catch((error: unknown) => this.degradation.report('revocation', error));
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
