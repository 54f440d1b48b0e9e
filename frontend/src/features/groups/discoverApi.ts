import { api } from '../../shared/api/client';
import type { DiscoverQuery, DiscoverResponse, OpenGroup } from '@messenger/contract';

/** As many as the server gives at once: the largest groups first, a search narrows them down. */
export const DISCOVER_PAGE_SIZE = 50;

/** Open groups we are not in, whose names contain `q` (all of them, largest first, when it is empty). */
export async function discoverOpenGroups(q: string, signal?: AbortSignal): Promise<OpenGroup[]> {
  const params: DiscoverQuery = { q, limit: DISCOVER_PAGE_SIZE };
  const { data } = await api.get<DiscoverResponse>('/api/chats/discover', { params, signal });
  return data.chats;
}
