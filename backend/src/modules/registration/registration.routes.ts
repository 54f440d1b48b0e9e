import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { createInviteBodySchema, inviteIdParamSchema, settingsBodySchema } from './registration.schemas';
import type { RegistrationService } from './registration.service';

/** `GET /api/auth/registration`: public, so that the register page can explain the mode before anyone types. */
export function registrationModeRoutes(registration: RegistrationService): Router {
  const router = Router();
  router.get('/registration', async (_req, res) => {
    res.json({ registration: await registration.mode() });
  });
  return router;
}

/** The instance settings and invites; mounted under /api/admin behind requireAdmin. */
export function registrationAdminRoutes(registration: RegistrationService): Router {
  const router = Router();

  router.get('/settings', async (_req, res) => {
    res.json({ settings: await registration.settings() });
  });

  router.put('/settings', async (req, res) => {
    const input = parseInput(settingsBodySchema, req.body);
    res.json({ settings: await registration.updateSettings({ adminId: currentUserId(req) }, input) });
  });

  router.post('/invites', async (req, res) => {
    const input = parseInput(createInviteBodySchema, req.body ?? {});
    res.status(201).json({ invite: await registration.createInvite({ adminId: currentUserId(req) }, input) });
  });

  router.get('/invites', async (_req, res) => {
    res.json({ invites: await registration.listInvites() });
  });

  router.delete('/invites/:id', async (req, res) => {
    const { id } = parseInput(inviteIdParamSchema, req.params);
    await registration.revokeInvite({ adminId: currentUserId(req) }, id);
    res.status(204).end();
  });

  return router;
}
