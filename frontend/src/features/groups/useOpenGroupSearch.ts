import { useEffect, useState } from 'react';
import type { OpenGroup } from '@messenger/contract';
import { getErrorMessage } from '../../shared/api/errors';
import { discoverOpenGroups } from './discoverApi';

export type OpenGroupSearch =
  { status: 'loading' } | { status: 'failed'; error: string } | { status: 'found'; groups: OpenGroup[] };

interface Answer {
  forQuery: string;
  search: OpenGroupSearch;
}

/**
 * Searches as `q` changes (the caller waits for a pause in typing). A newer query cancels the request of the one
 * before, so that a slow answer to an old query never replaces the answer to the new one.
 */
export function useOpenGroupSearch(q: string): OpenGroupSearch {
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    const request = new AbortController();
    discoverOpenGroups(q, request.signal).then(
      (groups) => setAnswer({ forQuery: q, search: { status: 'found', groups } }),
      (error: unknown) => {
        if (!request.signal.aborted)
          setAnswer({ forQuery: q, search: { status: 'failed', error: getErrorMessage(error) } });
      },
    );
    return () => request.abort();
  }, [q]);

  return answer?.forQuery === q ? answer.search : { status: 'loading' };
}
