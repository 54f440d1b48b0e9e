import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { unauthorized } from '../lib/errors';
import type { AccessVerifier } from '../modules/auth/revoked-sessions';
import type { AccessClaims } from '../modules/auth/tokens';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AccessClaims;
  }
}

export function authenticate(access: AccessVerifier): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) return next(unauthorized());
    req.auth = await access.verify(match[1]);
    next();
  };
}

/** The authenticated user's id; only for handlers mounted behind `authenticate`. */
export function currentUserId(req: Request): string {
  if (!req.auth) throw unauthorized();
  return req.auth.userId;
}
