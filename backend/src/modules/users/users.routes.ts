import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { updateMeBodySchema, userIdParamSchema, userSearchQuerySchema } from './users.schemas';
import type { UsersService } from './users.service';

export function usersRoutes(users: UsersService): Router {
  const router = Router();

  router.get('/me', async (req, res) => {
    res.json({ user: await users.me(currentUserId(req)) });
  });

  router.put('/me', async (req, res) => {
    res.json({ user: await users.updateMe(currentUserId(req), parseInput(updateMeBodySchema, req.body)) });
  });

  router.get('/search', async (req, res) => {
    const { q, limit } = parseInput(userSearchQuerySchema, req.query);
    res.json({ users: await users.search(currentUserId(req), q, limit) });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseInput(userIdParamSchema, req.params);
    res.json({ user: await users.profile(currentUserId(req), id) });
  });

  return router;
}
