import {
  chatIdParamSchema,
  editMessageBodySchema,
  listMessagesQuerySchema,
  messageIdParamSchema,
  messagePageSchema,
  messageResponseSchema,
  reactionBodySchema,
  reactionParamsSchema,
  reactionsResponseSchema,
  sendMessageBodySchema,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { MessagesService } from './messages.service';

const operation = operationsOf<{ messages: MessagesService }>();

const NOT_IN_YOUR_CHATS = 'not found or not in your chats';

export const messagesOperations = [
  operation({
    method: 'get',
    path: '/api/chats/{id}/messages',
    tag: 'messages',
    access: 'user',
    summary: 'A page of history by seq',
    params: chatIdParamSchema,
    query: listMessagesQuerySchema,
    responses: { 200: { description: 'a page', json: messagePageSchema }, 404: 'not found or not yours' },
    handle: async ({ userId, params, query }, { messages }) => ({
      status: 200,
      body: await messages.list(userId, params.id, query),
    }),
  }),
  operation({
    method: 'post',
    path: '/api/chats/{id}/messages',
    tag: 'messages',
    access: 'user',
    summary: 'Send (idempotent by clientMsgId)',
    params: chatIdParamSchema,
    body: sendMessageBodySchema,
    responses: {
      201: { description: 'sent', json: messageResponseSchema },
      200: { description: 'a repeat of an earlier clientMsgId: the message it sent', json: messageResponseSchema },
      404: 'not found or not yours',
    },
    handle: async ({ userId, params, body }, { messages }) => {
      const { created, message } = await messages.send(userId, { ...body, chatId: params.id });
      return { status: created ? 201 : 200, body: { message } };
    },
  }),
  operation({
    method: 'put',
    path: '/api/messages/{id}',
    tag: 'messages',
    access: 'user',
    summary: 'Edit your message',
    params: messageIdParamSchema,
    body: editMessageBodySchema,
    responses: {
      200: { description: 'the message, edited', json: messageResponseSchema },
      403: 'not yours',
      404: NOT_IN_YOUR_CHATS,
      409: 'deleted',
    },
    handle: async ({ userId, params, body }, { messages }) => ({
      status: 200,
      body: { message: await messages.edit(userId, params.id, body.content) },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/messages/{id}',
    tag: 'messages',
    access: 'user',
    summary: 'Delete (sender, or group owner)',
    params: messageIdParamSchema,
    responses: {
      200: { description: 'the message, with deletedAt', json: messageResponseSchema },
      403: 'neither yours nor in a group you own',
      404: NOT_IN_YOUR_CHATS,
    },
    handle: async ({ userId, params }, { messages }) => ({
      status: 200,
      body: { message: await messages.delete(userId, params.id) },
    }),
  }),
  operation({
    method: 'post',
    path: '/api/messages/{id}/reactions',
    tag: 'messages',
    access: 'user',
    summary: 'Add your reaction',
    params: messageIdParamSchema,
    body: reactionBodySchema,
    responses: {
      200: { description: "the message's reactions", json: reactionsResponseSchema },
      404: NOT_IN_YOUR_CHATS,
    },
    handle: async ({ userId, params, body }, { messages }) => ({
      status: 200,
      body: { reactions: await messages.react(userId, params.id, body.emoji, true) },
    }),
  }),
  operation({
    method: 'delete',
    path: '/api/messages/{id}/reactions/{emoji}',
    tag: 'messages',
    access: 'user',
    summary: 'Remove your reaction',
    params: reactionParamsSchema,
    responses: {
      200: { description: "the message's reactions", json: reactionsResponseSchema },
      404: NOT_IN_YOUR_CHATS,
    },
    handle: async ({ userId, params }, { messages }) => ({
      status: 200,
      body: { reactions: await messages.react(userId, params.id, params.emoji, false) },
    }),
  }),
];
