import type { ApiOperation } from '../../http/openapi';
import { updateMeBodySchema, userIdParamSchema, userSearchQuerySchema } from './users.schemas';

/** The users operations, described from the schemas that validate them. */
export const usersOperations: ApiOperation[] = [
  { method: 'get', path: '/api/users/me', tag: 'users', summary: 'Your profile', responses: { 200: '{user}' } },
  {
    method: 'put',
    path: '/api/users/me',
    tag: 'users',
    summary: 'Change display name or avatar',
    body: updateMeBodySchema,
    responses: { 200: '{user}', 400: 'invalid input' },
  },
  {
    method: 'get',
    path: '/api/users/search',
    tag: 'users',
    summary: 'Find users by username or display name',
    query: userSearchQuerySchema,
    responses: { 200: '{users}' },
  },
  {
    method: 'get',
    path: '/api/users/{id}',
    tag: 'users',
    summary: 'A public profile',
    params: userIdParamSchema,
    responses: { 200: '{user} with isContact and isBlocked (you blocked them)', 404: 'no such user' },
  },
];
