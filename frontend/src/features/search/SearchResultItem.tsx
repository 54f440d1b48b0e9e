import { Link } from 'react-router-dom';
import type { SearchResult } from '@messenger/contract';
import { messagePath } from '../../shared/lib/paths';
import { UserLink } from '../../shared/ui/UserLink';
import { selectCurrentUser, useSessionStore } from '../auth';
import { selectChat, useChatsStore } from '../chats';
import { MentionedNamesContext, useMentionedNames } from '../mentions';
import { HighlightedText } from './HighlightedText';
import { resultChatName } from './resultChatName';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The whole card opens the chat at the message; the sender's name leads to their profile instead. */
export function SearchResultItem({ result }: { result: SearchResult }) {
  const knownChat = useChatsStore(selectChat(result.chat.id));
  const currentUserId = useSessionStore(selectCurrentUser)?.id;
  const { message } = result;
  const mentioned = useMentionedNames(message.chatId, message.mentions, currentUserId);
  return (
    <li className="relative rounded-lg border border-border bg-surface px-3 py-2 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus hover:bg-surface-hover">
      <p className="flex items-baseline gap-2 text-sm">
        <span className="truncate font-semibold text-fg">{resultChatName(result, knownChat, currentUserId)}</span>
        {message.sender && (
          <UserLink userId={message.sender.id} className="relative z-10 truncate text-fg-muted hover:underline">
            {message.sender.displayName}
          </UserLink>
        )}
        <time dateTime={message.createdAt} className="ml-auto shrink-0 text-xs text-fg-muted">
          {timeFormat.format(new Date(message.createdAt))}
        </time>
      </p>
      <Link
        to={messagePath(message.chatId, message.id)}
        className="mt-1 line-clamp-3 text-sm break-words text-fg after:absolute after:inset-0 focus:outline-none"
      >
        <MentionedNamesContext value={mentioned}>
          <HighlightedText segments={result.highlight} />
        </MentionedNamesContext>
      </Link>
    </li>
  );
}
