import { Router, type Request } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import {
  adminUserIdParamSchema,
  adminUserListQuerySchema,
  adminUserUpdateBodySchema,
  auditQuerySchema,
} from './admin-users.schemas';
import type { AdminUsersService } from './admin-users.service';
import type { AuditLog } from './audit-log';

/** People (roles, deactivation) and the audit log; mounted behind requireAdmin. */
export function adminUsersRoutes(people: AdminUsersService, audit: AuditLog): Router {
  const router = Router();
  const actor = (req: Request) => ({ adminId: currentUserId(req) });

  router.get('/users', async (req, res) => {
    res.json(await people.list(parseInput(adminUserListQuerySchema, req.query)));
  });

  router.put('/users/:id', async (req, res) => {
    const { id } = parseInput(adminUserIdParamSchema, req.params);
    const { role } = parseInput(adminUserUpdateBodySchema, req.body);
    const user = role ? await people.setRole(actor(req), id, role) : await people.get(id);
    res.json({ user });
  });

  router.post('/users/:id/deactivate', async (req, res) => {
    const { id } = parseInput(adminUserIdParamSchema, req.params);
    res.json({ user: await people.deactivate(actor(req), id) });
  });

  router.post('/users/:id/reactivate', async (req, res) => {
    const { id } = parseInput(adminUserIdParamSchema, req.params);
    res.json({ user: await people.reactivate(actor(req), id) });
  });

  router.get('/audit', async (req, res) => {
    const { limit, cursor } = parseInput(auditQuerySchema, req.query);
    res.json(await audit.list(limit, cursor));
  });

  return router;
}
