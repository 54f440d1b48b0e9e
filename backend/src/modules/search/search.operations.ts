import { searchQuerySchema, searchResponseSchema } from '@messenger/contract';
import { operationsOf } from '../../http/operations';
import type { SearchService } from './search.service';

const operation = operationsOf<{ search: SearchService }>();

export const searchOperations = [
  operation({
    method: 'get',
    path: '/api/search',
    tag: 'search',
    access: 'user',
    summary: 'Search the messages of your chats',
    query: searchQuerySchema,
    responses: { 200: { description: 'best matches first', json: searchResponseSchema } },
    handle: async ({ userId, query }, { search }) => ({ status: 200, body: await search.search(userId, query) }),
  }),
];
