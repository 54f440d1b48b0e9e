import { createHmac, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized } from '../../lib/errors';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export interface VerifiedAccess extends AccessClaims {
  expiresAt: number;
}

const ALGORITHM = 'HS256';
const ACCESS_TYPE = 'access';

/** Signs and verifies access JWTs (algorithm pinned) and mints opaque refresh tokens. */
export class TokenService {
  constructor(
    private readonly accessSecret: string,
    private readonly refreshSecret: string,
    private readonly accessTtlMs: number,
  ) {}

  signAccess({ userId, sessionId }: AccessClaims): string {
    return jwt.sign({ sid: sessionId, typ: ACCESS_TYPE }, this.accessSecret, {
      algorithm: ALGORITHM,
      subject: userId,
      expiresIn: Math.floor(this.accessTtlMs / 1000),
    });
  }

  verifyAccess(token: string): VerifiedAccess {
    try {
      const payload = jwt.verify(token, this.accessSecret, { algorithms: [ALGORITHM] });
      if (
        typeof payload === 'string' ||
        payload.typ !== ACCESS_TYPE ||
        !payload.sub ||
        typeof payload.sid !== 'string'
      ) {
        throw unauthorized('Invalid access token');
      }
      return { userId: payload.sub, sessionId: payload.sid, expiresAt: (payload.exp ?? 0) * 1000 };
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw unauthorized('Access token expired');
      throw unauthorized('Invalid access token');
    }
  }

  /** `<sessionId>.<random>`: the session id finds the row; only a keyed hash of the whole token is stored. */
  mintRefresh(sessionId: string): { token: string; hash: string } {
    const token = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    return { token, hash: this.hashRefresh(token) };
  }

  hashRefresh(token: string): string {
    return createHmac('sha256', this.refreshSecret).update(token).digest('hex');
  }

  static sessionIdOf(refreshToken: string): string | null {
    const [sessionId, secret] = refreshToken.split('.');
    return sessionId && secret ? sessionId : null;
  }
}
