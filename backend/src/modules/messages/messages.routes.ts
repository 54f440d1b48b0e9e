import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { chatIdParamSchema } from '../chats/chats.schemas';
import { listMessagesQuerySchema, sendMessageBodySchema } from './messages.schemas';
import type { MessagesService } from './messages.service';

export function messagesRoutes(messages: MessagesService): Router {
  const router = Router();

  router.get('/chats/:id/messages', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    const query = parseInput(listMessagesQuerySchema, req.query);
    res.json(await messages.list(currentUserId(req), id, query));
  });

  router.post('/chats/:id/messages', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    const body = parseInput(sendMessageBodySchema, req.body);
    const result = await messages.send(currentUserId(req), { ...body, chatId: id });
    res.status(result.created ? 201 : 200).json({ message: result.message });
  });

  return router;
}
