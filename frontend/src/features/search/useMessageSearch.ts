import { useEffect, useRef, useState } from 'react';
import { getErrorMessage } from '../../shared/api/errors';
import type { SearchResponse } from '@messenger/contract';
import { searchMessages, type SearchRequest } from './searchApi';

/** What the server answered for one query, with the pages loaded so far. */
interface Answer extends SearchResponse {
  forQuery: string;
  error: string | null;
  loadingMore: boolean;
  loadMoreError: string | null;
}

export type MessageSearch =
  | { status: 'idle' | 'loading' }
  | { status: 'failed'; error: string }
  | ({ status: 'found'; loadMore: () => void } & Pick<
      Answer,
      'results' | 'total' | 'nextCursor' | 'loadingMore' | 'loadMoreError'
    >);

const queryKey = (q: string, chatId: string | undefined, mentionsMe: boolean) =>
  JSON.stringify([q, chatId ?? null, mentionsMe]);

const searchRequest = (q: string, chatId: string | undefined, mentionsMe: boolean): SearchRequest => ({
  ...(q ? { q } : {}),
  ...(chatId ? { chatId } : {}),
  ...(mentionsMe ? { mentions: 'me' } : {}),
});

/**
 * Searches as `q` changes. A newer query cancels the request of the one before, so that a slow answer to an old
 * query never replaces the answer to the new one; "load more" belongs to the query it was asked for. `mentionsMe`:
 * only the messages that mention us, which need no words.
 */
export function useMessageSearch(q: string, chatId: string | undefined, mentionsMe = false): MessageSearch {
  const key = queryKey(q, chatId, mentionsMe);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const current = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!q && !mentionsMe) return;
    const request = new AbortController();
    current.current = request;
    searchMessages(searchRequest(q, chatId, mentionsMe), request.signal).then(
      (page) => setAnswer({ ...page, forQuery: key, error: null, loadingMore: false, loadMoreError: null }),
      (error: unknown) => {
        if (request.signal.aborted) return;
        const failed = { results: [], nextCursor: null, total: 0, loadingMore: false, loadMoreError: null };
        setAnswer({ ...failed, forQuery: key, error: getErrorMessage(error) });
      },
    );
    return () => request.abort();
  }, [q, chatId, mentionsMe, key]);

  if (!q && !mentionsMe) return { status: 'idle' };
  if (answer?.forQuery !== key) return { status: 'loading' };
  if (answer.error !== null) return { status: 'failed', error: answer.error };

  const update = (change: (latest: Answer) => Partial<Answer>) =>
    setAnswer((latest) => (latest?.forQuery === key ? { ...latest, ...change(latest) } : latest));

  const loadMore = () => {
    const signal = current.current?.signal;
    if (!answer.nextCursor || answer.loadingMore || !signal) return;
    update(() => ({ loadingMore: true, loadMoreError: null }));
    searchMessages({ ...searchRequest(q, chatId, mentionsMe), cursor: answer.nextCursor }, signal).then(
      (page) =>
        update((latest) => ({
          results: [...latest.results, ...page.results],
          nextCursor: page.nextCursor,
          total: page.total,
          loadingMore: false,
        })),
      (error: unknown) => {
        if (!signal.aborted) update(() => ({ loadingMore: false, loadMoreError: getErrorMessage(error) }));
      },
    );
  };

  const { results, total, nextCursor, loadingMore, loadMoreError } = answer;
  return { status: 'found', results, total, nextCursor, loadingMore, loadMoreError, loadMore };
}
