import {
  addParticipantsBodySchema,
  chatIdParamSchema,
  chatResponseSchema,
  chatsResponseSchema,
  createGroupBodySchema,
  directChatBodySchema,
  MAX_GROUP_PARTICIPANTS,
  muteBodySchema,
  participantParamsSchema,
  updateGroupBodySchema,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { ChatsService } from './chats.service';
import type { GroupsService } from './groups.service';

const operation = operationsOf<{ chats: ChatsService; groups: GroupsService }>();

const NOT_YOURS = 'not found or not yours';

export const chatsOperations = [
  operation({
    method: 'get',
    path: '/api/chats',
    tag: 'chats',
    access: 'user',
    summary: 'Your chats, newest activity first',
    responses: { 200: { description: 'your chats', json: chatsResponseSchema } },
    handle: async ({ userId }, { chats }) => ({ status: 200, body: { chats: await chats.list(userId) } }),
  }),
  operation({
    method: 'post',
    path: '/api/chats/direct',
    tag: 'chats',
    access: 'user',
    summary: 'Open the direct chat with a contact',
    body: directChatBodySchema,
    responses: {
      201: { description: 'created', json: chatResponseSchema },
      200: { description: 'the existing one', json: chatResponseSchema },
      400: 'a chat with yourself',
      403: 'not a contact',
    },
    handle: async ({ userId, body }, { chats }) => {
      const { created, chat } = await chats.openDirect(userId, body.userId);
      return { status: created ? 201 : 200, body: { chat } };
    },
  }),
  operation({
    method: 'post',
    path: '/api/chats/group',
    tag: 'chats',
    access: 'user',
    summary: 'Create a group',
    body: createGroupBodySchema,
    responses: {
      201: { description: 'the new group', json: chatResponseSchema },
      403: 'a member is not your contact',
      422: `more than ${MAX_GROUP_PARTICIPANTS} participants`,
    },
    handle: async ({ userId, body }, { groups }) => ({
      status: 201,
      body: { chat: await groups.create(userId, body) },
    }),
  }),
  operation({
    method: 'get',
    path: '/api/chats/{id}',
    tag: 'chats',
    access: 'user',
    summary: 'One chat',
    params: chatIdParamSchema,
    responses: { 200: { description: 'the chat', json: chatResponseSchema }, 404: NOT_YOURS },
    handle: async ({ userId, params }, { chats }) => ({
      status: 200,
      body: { chat: await chats.get(userId, params.id) },
    }),
  }),
  operation({
    method: 'put',
    path: '/api/chats/{id}',
    tag: 'chats',
    access: 'user',
    summary: 'Rename, change the photo, hand over ownership (owner)',
    params: chatIdParamSchema,
    body: updateGroupBodySchema,
    responses: {
      200: { description: 'the group, changed', json: chatResponseSchema },
      403: 'not the owner',
      404: NOT_YOURS,
    },
    handle: async ({ userId, params, body }, { groups }) => ({
      status: 200,
      body: { chat: await groups.update(userId, params.id, body) },
    }),
  }),
  operation({
    method: 'put',
    path: '/api/chats/{id}/mute',
    tag: 'chats',
    access: 'user',
    summary: 'Mute or unmute a chat for yourself (no notifications; every device of yours follows)',
    params: chatIdParamSchema,
    body: muteBodySchema,
    responses: { 200: { description: 'the chat, as you now see it', json: chatResponseSchema }, 404: NOT_YOURS },
    handle: async ({ userId, params, body }, { chats }) => ({
      status: 200,
      body: { chat: await chats.setMuted(userId, params.id, body.muted) },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/chats/{id}',
    tag: 'chats',
    access: 'user',
    summary: 'Delete a group (owner)',
    params: chatIdParamSchema,
    responses: { 204: { description: 'deleted' }, 403: 'not the owner', 404: NOT_YOURS },
    handle: async ({ userId, params }, { groups }) => {
      await groups.delete(userId, params.id);
      return { status: 204 };
    },
  }),
  operation({
    method: 'post',
    path: '/api/chats/{id}/participants',
    tag: 'chats',
    access: 'user',
    summary: 'Add members (owner)',
    params: chatIdParamSchema,
    body: addParticipantsBodySchema,
    responses: {
      200: { description: 'the group with its new members', json: chatResponseSchema },
      403: 'not the owner',
      404: NOT_YOURS,
      422: 'GROUP_FULL',
    },
    handle: async ({ userId, params, body }, { groups }) => ({
      status: 200,
      body: { chat: await groups.addParticipants(userId, params.id, body.userIds) },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/chats/{id}/participants/{userId}',
    tag: 'chats',
    access: 'user',
    summary: 'Remove a member (owner) or leave',
    params: participantParamsSchema,
    responses: { 204: { description: 'removed' }, 403: 'only the owner removes others', 404: NOT_YOURS },
    handle: async ({ userId, params }, { groups }) => {
      await groups.removeParticipant(userId, params.id, params.userId);
      return { status: 204 };
    },
  }),
];
