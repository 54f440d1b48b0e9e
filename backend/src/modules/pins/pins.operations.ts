import {
  chatIdParamSchema,
  messageIdParamSchema,
  messageResponseSchema,
  pinnedMessagesResponseSchema,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { PinsService } from './pins.service';

const operation = operationsOf<{ pins: PinsService }>();

const NOT_IN_YOUR_CHATS = 'not found or not in your chats';
const SYSTEM_MESSAGE = 'a system message (they are never pinned)';

export const pinsOperations = [
  operation({
    method: 'get',
    path: '/api/chats/{id}/pins',
    tag: 'pins',
    access: 'user',
    summary: "The chat's pinned messages, newest pin first",
    params: chatIdParamSchema,
    responses: {
      200: { description: 'the pinned messages', json: pinnedMessagesResponseSchema },
      404: NOT_IN_YOUR_CHATS,
    },
    handle: async ({ userId, params }, { pins }) => ({
      status: 200,
      body: { messages: await pins.list(userId, params.id) },
    }),
  }),
  operation({
    method: 'post',
    path: '/api/messages/{id}/pin',
    tag: 'pins',
    access: 'user',
    summary: 'Pin a message (any member; idempotent)',
    params: messageIdParamSchema,
    responses: {
      200: {
        description: 'the message, with pinnedAt and pinnedBy (unchanged when it was pinned already)',
        json: messageResponseSchema,
      },
      403: `${SYSTEM_MESSAGE}, or BLOCKED: a block stands in this direct chat`,
      404: NOT_IN_YOUR_CHATS,
      409: 'deleted',
      422: 'PIN_LIMIT_REACHED: the chat has 50 pinned messages already',
    },
    handle: async ({ userId, params }, { pins }) => ({
      status: 200,
      body: { message: await pins.pin(userId, params.id) },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/messages/{id}/pin',
    tag: 'pins',
    access: 'user',
    summary: 'Unpin a message (any member; idempotent)',
    params: messageIdParamSchema,
    responses: {
      200: { description: 'the message, with pinnedAt and pinnedBy null', json: messageResponseSchema },
      403: SYSTEM_MESSAGE,
      404: NOT_IN_YOUR_CHATS,
    },
    handle: async ({ userId, params }, { pins }) => ({
      status: 200,
      body: { message: await pins.unpin(userId, params.id) },
    }),
  }),
];
