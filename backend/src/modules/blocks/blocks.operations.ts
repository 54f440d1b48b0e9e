import { blockedUserParamSchema, blockedUsersResponseSchema, MAX_LISTED_BLOCKS } from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { BlocksService } from './blocks.service';

const operation = operationsOf<{ blocks: BlocksService }>();

export const blocksOperations = [
  operation({
    method: 'get',
    path: '/api/users/me/blocks',
    tag: 'blocks',
    access: 'user',
    summary: `The people you blocked, newest first (at most ${MAX_LISTED_BLOCKS})`,
    responses: { 200: { description: 'Who you blocked, and when', json: blockedUsersResponseSchema } },
    handle: async ({ userId }, { blocks }) => ({ status: 200, body: { users: await blocks.list(userId) } }),
  }),
  operation({
    method: 'post',
    path: '/api/users/{id}/block',
    tag: 'blocks',
    access: 'user',
    summary: 'Block someone: no contact requests, direct messages, presence or typing between you; idempotent',
    params: blockedUserParamSchema,
    responses: { 204: { description: 'blocked (or already was)' }, 400: 'yourself', 404: 'no such user' },
    handle: async ({ userId, params }, { blocks }) => {
      await blocks.block(userId, params.id);
      return { status: 204 };
    },
  }),
  operation({
    method: 'delete',
    path: '/api/users/{id}/block',
    tag: 'blocks',
    access: 'user',
    summary: 'Unblock someone; a contact the block suspended comes back; idempotent',
    params: blockedUserParamSchema,
    responses: { 204: { description: 'not blocked (any more)' }, 400: 'yourself', 404: 'no such user' },
    handle: async ({ userId, params }, { blocks }) => {
      await blocks.unblock(userId, params.id);
      return { status: 204 };
    },
  }),
];
