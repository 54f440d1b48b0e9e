import { api } from '../../shared/api/client';
import type { SearchResponse } from '@messenger/contract';

export interface SearchRequest {
  /** The words to find; may be left out with `mentions`. */
  q?: string;
  /** Only this chat's messages. */
  chatId?: string;
  /** Only the messages that mention us. */
  mentions?: 'me';
  /** The `nextCursor` of the page before. */
  cursor?: string;
}

export async function searchMessages(request: SearchRequest, signal: AbortSignal): Promise<SearchResponse> {
  const { data } = await api.get<SearchResponse>('/api/search', { params: request, signal });
  return data;
}
