import {
  currentUserResponseSchema,
  updateMeBodySchema,
  userIdParamSchema,
  userProfileResponseSchema,
  userSearchQuerySchema,
  usersResponseSchema,
} from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { UsersService } from './users.service';

const operation = operationsOf<{ users: UsersService }>();

export const usersOperations = [
  operation({
    method: 'get',
    path: '/api/users/me',
    tag: 'users',
    access: 'user',
    summary: 'Your profile',
    responses: { 200: { description: 'You, with what only you see', json: currentUserResponseSchema } },
    handle: async ({ userId }, { users }) => ({ status: 200, body: { user: await users.me(userId) } }),
  }),
  operation({
    method: 'put',
    path: '/api/users/me',
    tag: 'users',
    access: 'user',
    summary: 'Change display name or avatar',
    body: updateMeBodySchema,
    responses: { 200: { description: 'You, changed', json: currentUserResponseSchema }, 400: 'invalid input' },
    handle: async ({ userId, body }, { users }) => ({
      status: 200,
      body: { user: await users.updateMe(userId, body) },
    }),
  }),
  operation({
    method: 'get',
    path: '/api/users/search',
    tag: 'users',
    access: 'user',
    summary: 'Find users by username or display name',
    query: userSearchQuerySchema,
    responses: { 200: { description: 'Best matches first, yourself excluded', json: usersResponseSchema } },
    handle: async ({ userId, query }, { users }) => ({
      status: 200,
      body: { users: await users.search(userId, query.q, query.limit) },
    }),
  }),
  operation({
    method: 'get',
    path: '/api/users/{id}',
    tag: 'users',
    access: 'user',
    summary: 'A public profile',
    params: userIdParamSchema,
    responses: {
      200: {
        description: 'Their profile, with isContact and isBlocked (you blocked them)',
        json: userProfileResponseSchema,
      },
      404: 'no such user',
    },
    handle: async ({ userId, params }, { users }) => ({
      status: 200,
      body: { user: await users.profile(userId, params.id) },
    }),
  }),
];
