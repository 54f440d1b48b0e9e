import type { ApiOperation } from '../../http/openapi';
import { blockedUserParamSchema } from './blocks.schemas';

/** The blocking operations, described from the schemas that validate them. */
export const blocksOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/users/me/blocks',
    tag: 'blocks',
    summary: 'The people you blocked, newest first (at most 1000)',
    responses: { 200: '{users: [{id, username, displayName, avatarUrl, blockedAt}]}' },
  },
  {
    method: 'post',
    path: '/api/users/{id}/block',
    tag: 'blocks',
    summary: 'Block someone: no contact requests, direct messages, presence or typing between you; idempotent',
    params: blockedUserParamSchema,
    responses: { 204: 'blocked (or already was)', 400: 'yourself', 404: 'no such user' },
  },
  {
    method: 'delete',
    path: '/api/users/{id}/block',
    tag: 'blocks',
    summary: 'Unblock someone; a contact the block suspended comes back; idempotent',
    params: blockedUserParamSchema,
    responses: { 204: 'not blocked (any more)', 400: 'yourself', 404: 'no such user' },
  },
];
