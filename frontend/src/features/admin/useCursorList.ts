import { useCallback, useEffect, useRef, useState } from 'react';
import { getErrorMessage } from '../../shared/api/errors';
import type { CursorPage } from './adminApi';

type FetchPage<Item> = (cursor: string | null) => Promise<CursorPage<Item>>;

/** What was fetched, and for which `fetchPage` (which filter). */
interface Fetched<Item> {
  source: FetchPage<Item>;
  items: Item[];
  nextCursor: string | null;
}

interface Failure<Item> {
  source: FetchPage<Item>;
  message: string;
}

/**
 * A list fetched a page at a time ("Load more"). A new `fetchPage` (another search or filter) starts over from the
 * first page; the list shown stays until that page replaces it, and an answer for an earlier filter that arrives
 * late is dropped, so the list never mixes two filters.
 */
export function useCursorList<Item extends { id: string }>(fetchPage: FetchPage<Item>) {
  const [fetched, setFetched] = useState<Fetched<Item> | null>(null);
  const [failure, setFailure] = useState<Failure<Item> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latestSource = useRef(fetchPage);

  useEffect(() => {
    latestSource.current = fetchPage;
    fetchPage(null).then(
      (page) => {
        if (latestSource.current === fetchPage) setFetched({ source: fetchPage, ...page });
      },
      (error: unknown) => {
        if (latestSource.current === fetchPage) setFailure({ source: fetchPage, message: getErrorMessage(error) });
      },
    );
  }, [fetchPage]);

  const current = fetched?.source === fetchPage ? fetched : null;
  const error = failure?.source === fetchPage ? failure.message : null;

  function loadMore() {
    if (!current?.nextCursor) return;
    const source = current.source;
    setLoadingMore(true);
    setFailure(null);
    source(current.nextCursor)
      .then(
        (page) => {
          if (latestSource.current !== source) return;
          setFetched(
            (shown) => shown && { source, items: [...shown.items, ...page.items], nextCursor: page.nextCursor },
          );
        },
        (caught: unknown) => setFailure({ source, message: getErrorMessage(caught) }),
      )
      .finally(() => setLoadingMore(false));
  }

  /** Puts the server's newer copy of an item in its place. */
  const replace = useCallback((updated: Item) => {
    setFetched(
      (shown) => shown && { ...shown, items: shown.items.map((item) => (item.id === updated.id ? updated : item)) },
    );
  }, []);

  return {
    /** null until the first page has come. */
    items: fetched?.items ?? null,
    /** The first page for the current filter is on its way. */
    loadingFirstPage: current === null && error === null,
    loadingMore,
    error,
    hasMore: Boolean(current?.nextCursor),
    loadMore,
    replace,
  };
}
