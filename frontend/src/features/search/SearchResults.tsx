import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { SearchResultItem } from './SearchResultItem';
import type { MessageSearch } from './useMessageSearch';

const countLabel = (total: number) => (total === 1 ? '1 result' : `${total} results`);

function nothingFoundLabel(query: string, mentionsMe: boolean): string {
  if (!mentionsMe) return `No messages match “${query}”.`;
  return query ? `No messages that mention you match “${query}”.` : 'No messages mention you.';
}

interface SearchResultsProps {
  search: MessageSearch;
  query: string;
  /** Only messages that mention us were asked for. */
  mentionsMe?: boolean;
}

/** The state of the search under the box; what changes in it is announced politely. */
export function SearchResults({ search, query, mentionsMe = false }: SearchResultsProps) {
  const nothingFound = search.status === 'found' && search.results.length === 0;
  return (
    <>
      <div role="status" className="text-sm text-fg-muted empty:hidden">
        {search.status === 'loading' && 'Searching…'}
        {search.status === 'found' && (nothingFound ? nothingFoundLabel(query, mentionsMe) : countLabel(search.total))}
      </div>
      {search.status === 'idle' && <SyntaxHint />}
      {search.status === 'failed' && <ErrorAlert message={search.error} />}
      {search.status === 'found' && !nothingFound && (
        <>
          <ul aria-label="Search results" className="flex flex-col gap-2">
            {search.results.map((result) => (
              <SearchResultItem key={result.message.id} result={result} />
            ))}
          </ul>
          <ErrorAlert message={search.loadMoreError} />
          {search.nextCursor && (
            <Button variant="secondary" className="self-center" disabled={search.loadingMore} onClick={search.loadMore}>
              {search.loadingMore ? 'Loading…' : 'Load more results'}
            </Button>
          )}
        </>
      )}
    </>
  );
}

function SyntaxHint() {
  return (
    <div className="text-sm text-fg-muted">
      <p>Type a few words to find the messages that contain them. The last word also finds longer words it starts.</p>
      <ul className="mt-2 list-disc pl-5">
        <li>
          <code>"exact phrase"</code> finds the words together, in this order.
        </li>
        <li>
          <code>-word</code> leaves out messages with that word.
        </li>
        <li>
          <code>lunch or dinner</code> finds messages with either word.
        </li>
      </ul>
    </div>
  );
}
