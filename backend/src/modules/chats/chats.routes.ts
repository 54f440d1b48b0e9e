import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { chatIdParamSchema, directChatBodySchema } from './chats.schemas';
import type { ChatsService } from './chats.service';

export function chatsRoutes(chats: ChatsService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ chats: await chats.list(currentUserId(req)) });
  });

  router.post('/direct', async (req, res) => {
    const { userId } = parseInput(directChatBodySchema, req.body);
    const result = await chats.openDirect(currentUserId(req), userId);
    res.status(result.created ? 201 : 200).json({ chat: result.chat });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    res.json({ chat: await chats.get(currentUserId(req), id) });
  });

  return router;
}
