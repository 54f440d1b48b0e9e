import type { ApiOperation } from '../../http/openapi';
import { searchQuerySchema } from './search.schemas';

/** The search operations, described from the schemas that validate them. */
export const searchOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/search',
    tag: 'search',
    summary: 'Search the messages of your chats',
    query: searchQuerySchema,
    responses: { 200: '{results: [{message, chat, highlight: [{text, match}]}], nextCursor, total}' },
  },
];
