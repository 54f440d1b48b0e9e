import { Router } from 'express';
import { currentUserId } from '../../http/authenticate';
import { parseInput } from '../../http/validate';
import {
  addParticipantsBodySchema,
  chatIdParamSchema,
  createGroupBodySchema,
  directChatBodySchema,
  muteBodySchema,
  participantParamsSchema,
  updateGroupBodySchema,
} from './chats.schemas';
import type { ChatsService } from './chats.service';
import type { GroupsService } from './groups.service';

export function chatsRoutes(chats: ChatsService, groups: GroupsService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ chats: await chats.list(currentUserId(req)) });
  });

  router.post('/direct', async (req, res) => {
    const { userId } = parseInput(directChatBodySchema, req.body);
    const result = await chats.openDirect(currentUserId(req), userId);
    res.status(result.created ? 201 : 200).json({ chat: result.chat });
  });

  router.post('/group', async (req, res) => {
    const input = parseInput(createGroupBodySchema, req.body);
    res.status(201).json({ chat: await groups.create(currentUserId(req), input) });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    res.json({ chat: await chats.get(currentUserId(req), id) });
  });

  router.put('/:id', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    const input = parseInput(updateGroupBodySchema, req.body);
    res.json({ chat: await groups.update(currentUserId(req), id, input) });
  });

  router.put('/:id/mute', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    const { muted } = parseInput(muteBodySchema, req.body);
    res.json({ chat: await chats.setMuted(currentUserId(req), id, muted) });
  });

  router.delete('/:id', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    await groups.delete(currentUserId(req), id);
    res.status(204).end();
  });

  router.post('/:id/participants', async (req, res) => {
    const { id } = parseInput(chatIdParamSchema, req.params);
    const { userIds } = parseInput(addParticipantsBodySchema, req.body);
    res.json({ chat: await groups.addParticipants(currentUserId(req), id, userIds) });
  });

  router.delete('/:id/participants/:userId', async (req, res) => {
    const { id, userId } = parseInput(participantParamsSchema, req.params);
    await groups.removeParticipant(currentUserId(req), id, userId);
    res.status(204).end();
  });

  return router;
}
