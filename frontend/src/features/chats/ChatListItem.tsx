import { BellSlashIcon } from '@heroicons/react/20/solid';
import type { MouseEvent } from 'react';
import { NavLink, useNavigate, type NavigateFunction } from 'react-router-dom';
import type { Chat, Message } from '@messenger/contract';
import { fileSummary } from '../../shared/lib/fileSummary';
import { formatExactTime, formatListTime } from '../../shared/lib/time';
import { Avatar } from '../../shared/ui/Avatar';
import { chatAvatarUrl, chatTitle } from './chatTitle';
import { MentionBadge } from './MentionBadge';
import { MuteToggle } from './MuteToggle';

interface ChatListItemProps {
  chat: Chat;
  currentUserId: string | undefined;
  now: Date;
  /** The pointer rests on the chat, or the keyboard reached it: it is likely to be opened next. */
  onIntent?: (chatId: string) => void;
}

function preview(message: Message | null, currentUserId: string | undefined): string {
  if (!message) return 'No messages yet';
  if (message.deletedAt) return 'Message deleted';
  const text = message.content || (fileSummary(message) ?? (message.type === 'image' ? 'Photo' : ''));
  return message.sender?.id === currentUserId ? `You: ${text}` : text;
}

/**
 * A plain click opens the chat in the click's own task (flushSync) instead of React Router's default transition,
 * which commits a frame or two later; clicks with a modifier key keep the link's usual behaviour (a new tab...).
 */
function openAtOnce(event: MouseEvent, navigate: NavigateFunction, to: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  void navigate(to, { flushSync: true });
}

export function ChatListItem({ chat, currentUserId, now, onIntent }: ChatListItemProps) {
  const navigate = useNavigate();
  const title = chatTitle(chat, currentUserId);
  return (
    // The open chat's row is marked whole, its mute button included.
    <li className="flex items-center hover:bg-surface-hover has-[[aria-current=page]]:bg-surface-accent">
      <NavLink
        to={`/chats/${chat.id}`}
        onClick={(event) => openAtOnce(event, navigate, `/chats/${chat.id}`)}
        onPointerEnter={() => onIntent?.(chat.id)}
        onFocus={() => onIntent?.(chat.id)}
        className="flex min-w-0 flex-1 items-center gap-3 px-4 py-3 -outline-offset-2"
      >
        <Avatar name={title} url={chatAvatarUrl(chat, currentUserId)} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline justify-between gap-2">
            <span className="flex min-w-0 items-baseline gap-1">
              <span className="truncate font-medium text-fg">{title}</span>
              {chat.muted && (
                <span role="img" aria-label="Muted" title="Muted" className="shrink-0 self-center text-fg-muted">
                  <BellSlashIcon className="size-4" />
                </span>
              )}
            </span>
            {chat.lastMessage && (
              <time
                dateTime={chat.lastMessage.createdAt}
                title={formatExactTime(chat.lastMessage.createdAt)}
                className="shrink-0 text-xs text-fg-muted"
              >
                {formatListTime(chat.lastMessage.createdAt, now)}
              </time>
            )}
          </span>
          <span className="flex items-center justify-between gap-2">
            <span className="truncate text-sm text-fg-muted">{preview(chat.lastMessage, currentUserId)}</span>
            <MentionBadge count={chat.mentionCount} />
            {chat.unreadCount > 0 && (
              <>
                <span
                  aria-hidden="true"
                  className={`shrink-0 rounded-full px-2 text-xs font-semibold ${
                    chat.muted ? 'bg-surface-strong text-fg' : 'bg-accent text-accent-fg'
                  }`}
                >
                  {chat.unreadCount}
                </span>
                <span className="sr-only">, {chat.unreadCount} unread</span>
              </>
            )}
          </span>
        </span>
      </NavLink>
      <MuteToggle chat={chat} />
    </li>
  );
}
