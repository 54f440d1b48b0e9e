import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { SearchResult } from '@messenger/contract';
import { Page } from '../../shared/ui/Page';
import { TextField } from '../../shared/ui/TextField';
import { selectCurrentUser, useSessionStore } from '../auth';
import { chatTitle, selectChat, useChatsStore } from '../chats';
import { resultChatName } from './resultChatName';
import { SearchResults } from './SearchResults';
import { useMessageSearch } from './useMessageSearch';

const SEARCH_DELAY_MS = 300;

/**
 * /search?q=&chatId=&mentions=me. The address holds the query, so a search can be linked to and reloaded; typing
 * updates it (replacing the history entry) once the user pauses. "Only messages that mention me" lists those
 * without any words too.
 */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  const chatId = params.get('chatId') ?? undefined;
  const mentionsMe = params.get('mentions') === 'me';
  const [text, setText] = useState(query);
  /** The last query this page put in the address; any other came from outside (a link, Back, the shortcut). */
  const [written, setWritten] = useState(query);
  if (query !== written) {
    setWritten(query);
    setText(query);
  }
  const search = useMessageSearch(query, chatId, mentionsMe);
  const input = useRef<HTMLInputElement>(null);
  const { key: visit } = useLocation();

  // Every arrival here, from the keyboard shortcut too, is to type a query.
  useEffect(() => input.current?.focus(), [visit]);

  const commit = useCallback(
    (next: string) => {
      setWritten(next);
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next) updated.set('q', next);
          else updated.delete('q');
          return updated;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const filterMentions = (only: boolean) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (only) updated.set('mentions', 'me');
        else updated.delete('mentions');
        return updated;
      },
      { replace: true },
    );

  useEffect(() => {
    const next = text.trim();
    if (next === query) return;
    const timer = setTimeout(() => commit(next), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, query, commit]);

  return (
    <Page title="Search">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() !== query) commit(text.trim());
        }}
      >
        <TextField
          ref={input}
          label="Search messages"
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
          maxLength={200}
        />
        <label className="mt-2 flex items-center gap-2 text-sm text-fg">
          <input
            type="checkbox"
            checked={mentionsMe}
            onChange={(event) => filterMentions(event.target.checked)}
            className="size-4 accent-accent"
          />
          Only messages that mention me
        </label>
      </form>
      {chatId && (
        <ChatScope
          chatId={chatId}
          query={query}
          mentionsMe={mentionsMe}
          firstResult={search.status === 'found' ? search.results[0] : undefined}
        />
      )}
      <SearchResults search={search} query={query} mentionsMe={mentionsMe} />
    </Page>
  );
}

interface ChatScopeProps {
  chatId: string;
  query: string;
  mentionsMe: boolean;
  /** Names the chat when the chat list does not hold it. */
  firstResult: SearchResult | undefined;
}

function ChatScope({ chatId, query, mentionsMe, firstResult }: ChatScopeProps) {
  const chat = useChatsStore(selectChat(chatId));
  const currentUserId = useSessionStore(selectCurrentUser)?.id;
  const name = chat
    ? chatTitle(chat, currentUserId)
    : firstResult && resultChatName(firstResult, undefined, currentUserId);
  return (
    <p className="text-sm text-fg-muted">
      Searching in <span className="font-medium text-fg">{name ?? 'one chat'}</span>.{' '}
      <Link
        to={`/search${searchString({ q: query, mentions: mentionsMe ? 'me' : '' })}`}
        className="font-medium text-fg-accent hover:underline"
      >
        Search all chats
      </Link>
    </p>
  );
}

/** `?name=value&…` of the parameters that have a value, or nothing. */
function searchString(values: Record<string, string>): string {
  const params = new URLSearchParams(Object.entries(values).filter(([, value]) => value));
  return params.size > 0 ? `?${params.toString()}` : '';
}
