import {
  chatIdParamSchema,
  chatResponseSchema,
  discoverQuerySchema,
  discoverResponseSchema,
  MAX_DISCOVER_RESULTS,
  MAX_GROUP_PARTICIPANTS,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { OpenGroupsService } from './open-groups.service';

const operation = operationsOf<{ openGroups: OpenGroupsService }>();

/** Groups anyone may find and join (the rest of a group's life is in chats.operations.ts). */
export const openGroupsOperations = [
  operation({
    method: 'get',
    path: '/api/chats/discover',
    tag: 'chats',
    access: 'user',
    summary: 'Find open groups you are not in, by name, largest first',
    query: discoverQuerySchema,
    responses: {
      200: {
        description: `at most \`limit\` (${MAX_DISCOVER_RESULTS} at most) groups; those whose owner and you blocked one another are left out`,
        json: discoverResponseSchema,
      },
    },
    handle: async ({ userId, query }, { openGroups }) => ({
      status: 200,
      body: { chats: await openGroups.discover(userId, query.q, query.limit) },
    }),
  }),
  operation({
    method: 'post',
    path: '/api/chats/{id}/join',
    tag: 'chats',
    access: 'user',
    summary: 'Join an open group (a group you are in already: answered as it is, nothing changes)',
    params: chatIdParamSchema,
    responses: {
      200: { description: 'the group, with you as a member', json: chatResponseSchema },
      403: 'BLOCKED: you and the owner blocked one another',
      404: 'no such open group (a private group is never revealed)',
      422: `GROUP_FULL: it has ${MAX_GROUP_PARTICIPANTS} participants`,
    },
    handle: async ({ userId, params }, { openGroups }) => ({
      status: 200,
      body: { chat: await openGroups.join(userId, params.id) },
    }),
  }),
];
