import { Router, type RequestHandler } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { contactRequestBodySchema, idParamSchema } from './contacts.schemas';
import type { ContactsService } from './contacts.service';

/** `limitRequests` caps how many contact requests one user sends (spam). */
export function contactsRoutes(contacts: ContactsService, limitRequests: RequestHandler): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ contacts: await contacts.list(currentUserId(req)) });
  });

  router.get('/requests', async (req, res) => {
    res.json(await contacts.requests(currentUserId(req)));
  });

  router.post('/requests', limitRequests, async (req, res) => {
    const { userId } = parseInput(contactRequestBodySchema, req.body);
    const result = await contacts.sendRequest(currentUserId(req), userId);
    if (result.accepted) res.status(200).json({ contact: result.contact });
    else res.status(201).json({ request: result.request });
  });

  router.post('/requests/:id/accept', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    res.json({ contact: await contacts.accept(currentUserId(req), id) });
  });

  router.delete('/requests/:id', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    await contacts.decline(currentUserId(req), id);
    res.status(204).end();
  });

  router.delete('/:id', async (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    await contacts.remove(currentUserId(req), id);
    res.status(204).end();
  });

  return router;
}
