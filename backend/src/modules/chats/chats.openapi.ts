import type { ApiOperation } from '../../http/openapi';
import {
  addParticipantsBodySchema,
  chatIdParamSchema,
  createGroupBodySchema,
  directChatBodySchema,
  participantParamsSchema,
  updateGroupBodySchema,
} from './chats.schemas';

/** The chats operations, described from the schemas that validate them. */
export const chatsOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/chats',
    tag: 'chats',
    summary: 'Your chats, newest activity first',
    responses: { 200: '{chats}' },
  },
  {
    method: 'post',
    path: '/api/chats/direct',
    tag: 'chats',
    summary: 'Open the direct chat with a contact',
    body: directChatBodySchema,
    responses: { 201: '{chat} created', 200: '{chat} existing', 403: 'not a contact' },
  },
  {
    method: 'post',
    path: '/api/chats/group',
    tag: 'chats',
    summary: 'Create a group',
    body: createGroupBodySchema,
    responses: { 201: '{chat}', 403: 'a member is not your contact', 422: 'more than 300 participants' },
  },
  {
    method: 'get',
    path: '/api/chats/{id}',
    tag: 'chats',
    summary: 'One chat',
    params: chatIdParamSchema,
    responses: { 200: '{chat}', 404: 'not found or not yours' },
  },
  {
    method: 'put',
    path: '/api/chats/{id}',
    tag: 'chats',
    summary: 'Rename, change the photo, hand over ownership (owner)',
    params: chatIdParamSchema,
    body: updateGroupBodySchema,
    responses: { 200: '{chat}', 403: 'not the owner' },
  },
  {
    method: 'delete',
    path: '/api/chats/{id}',
    tag: 'chats',
    summary: 'Delete a group (owner)',
    params: chatIdParamSchema,
    responses: { 204: 'deleted', 403: 'not the owner' },
  },
  {
    method: 'post',
    path: '/api/chats/{id}/participants',
    tag: 'chats',
    summary: 'Add members (owner)',
    params: chatIdParamSchema,
    body: addParticipantsBodySchema,
    responses: { 200: '{chat}', 422: 'GROUP_FULL' },
  },
  {
    method: 'delete',
    path: '/api/chats/{id}/participants/{userId}',
    tag: 'chats',
    summary: 'Remove a member (owner) or leave',
    params: participantParamsSchema,
    responses: { 204: 'removed' },
  },
];
