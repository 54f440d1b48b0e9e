import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import { chatIdParamSchema } from '../chats/chats.schemas';
import {
  editMessageBodySchema,
  listMessagesQuerySchema,
  messageIdParamSchema,
  reactionBodySchema,
  reactionParamsSchema,
  sendMessageBodySchema,
} from './messages.schemas';
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

  router.put('/messages/:id', async (req, res) => {
    const { id } = parseInput(messageIdParamSchema, req.params);
    const { content } = parseInput(editMessageBodySchema, req.body);
    res.json({ message: await messages.edit(currentUserId(req), id, content) });
  });

  router.delete('/messages/:id', async (req, res) => {
    const { id } = parseInput(messageIdParamSchema, req.params);
    res.json({ message: await messages.delete(currentUserId(req), id) });
  });

  router.post('/messages/:id/reactions', async (req, res) => {
    const { id } = parseInput(messageIdParamSchema, req.params);
    const { emoji } = parseInput(reactionBodySchema, req.body);
    res.json({ reactions: await messages.react(currentUserId(req), id, emoji, true) });
  });

  router.delete('/messages/:id/reactions/:emoji', async (req, res) => {
    const { id, emoji } = parseInput(reactionParamsSchema, req.params);
    res.json({ reactions: await messages.react(currentUserId(req), id, emoji, false) });
  });

  return router;
}
