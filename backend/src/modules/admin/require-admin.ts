import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { currentUserId } from '../../http/authenticate';
import { forbidden } from '../../lib/errors';
import type { PrismaClient } from '../../db/prisma';

/**
 * Lets only active admins through. The role is read from the database on every call, never from the access
 * token: a demoted or deactivated admin loses the admin operations at once, not when their token expires.
 */
export function requireAdmin(db: PrismaClient): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const user = await db.user.findUnique({ where: { id: currentUserId(req) }, select: { role: true, status: true } });
    if (user?.role !== 'admin' || user.status !== 'active') return next(forbidden('Only admins may do this'));
    next();
  };
}
