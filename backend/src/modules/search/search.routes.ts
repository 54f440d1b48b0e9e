import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { searchQuerySchema } from './search.schemas';
import type { SearchService } from './search.service';

export function searchRoutes(search: SearchService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await search.search(currentUserId(req), parseInput(searchQuerySchema, req.query)));
  });
  return router;
}
