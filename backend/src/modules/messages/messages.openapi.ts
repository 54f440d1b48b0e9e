import type { ApiOperation } from '../../http/openapi';
import { chatIdParamSchema } from '../chats/chats.schemas';
import {
  editMessageBodySchema,
  listMessagesQuerySchema,
  messageIdParamSchema,
  reactionBodySchema,
  reactionParamsSchema,
  sendMessageBodySchema,
} from './messages.schemas';

/** The messages operations, described from the schemas that validate them. */
export const messagesOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/chats/{id}/messages',
    tag: 'messages',
    summary: 'A page of history by seq',
    params: chatIdParamSchema,
    query: listMessagesQuerySchema,
    responses: { 200: '{messages (ascending seq), hasMoreBefore, hasMoreAfter}', 404: 'not found or not yours' },
  },
  {
    method: 'post',
    path: '/api/chats/{id}/messages',
    tag: 'messages',
    summary: 'Send (idempotent by clientMsgId)',
    params: chatIdParamSchema,
    body: sendMessageBodySchema,
    responses: {
      201: '{message}',
      200: '{message}: a repeat of an earlier clientMsgId',
      404: 'not found or not yours',
    },
  },
  {
    method: 'put',
    path: '/api/messages/{id}',
    tag: 'messages',
    summary: 'Edit your message',
    params: messageIdParamSchema,
    body: editMessageBodySchema,
    responses: { 200: '{message}', 403: 'not yours', 404: 'not found or not in your chats', 409: 'deleted' },
  },
  {
    method: 'delete',
    path: '/api/messages/{id}',
    tag: 'messages',
    summary: 'Delete (sender, or group owner)',
    params: messageIdParamSchema,
    responses: {
      200: '{message} with deletedAt',
      403: 'neither yours nor in a group you own',
      404: 'not found or not in your chats',
    },
  },
  {
    method: 'post',
    path: '/api/messages/{id}/reactions',
    tag: 'messages',
    summary: 'Add your reaction',
    params: messageIdParamSchema,
    body: reactionBodySchema,
    responses: { 200: '{reactions}', 404: 'not found or not in your chats' },
  },
  {
    method: 'delete',
    path: '/api/messages/{id}/reactions/{emoji}',
    tag: 'messages',
    summary: 'Remove your reaction',
    params: reactionParamsSchema,
    responses: { 200: '{reactions}', 404: 'not found or not in your chats' },
  },
];
