import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { blockedUserParamSchema } from './blocks.schemas';
import type { BlocksService } from './blocks.service';

/** Mounted under /users, before the users router (whose `/:id` would otherwise be asked first). */
export function blocksRoutes(blocks: BlocksService): Router {
  const router = Router();

  router.get('/me/blocks', async (req, res) => {
    res.json({ users: await blocks.list(currentUserId(req)) });
  });

  router.post('/:id/block', async (req, res) => {
    const { id } = parseInput(blockedUserParamSchema, req.params);
    await blocks.block(currentUserId(req), id);
    res.status(204).end();
  });

  router.delete('/:id/block', async (req, res) => {
    const { id } = parseInput(blockedUserParamSchema, req.params);
    await blocks.unblock(currentUserId(req), id);
    res.status(204).end();
  });

  return router;
}
