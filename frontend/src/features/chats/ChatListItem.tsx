import { NavLink } from 'react-router-dom';
import type { Chat, Message } from '../../shared/api/types';
import { formatExactTime, formatListTime } from '../../shared/lib/time';
import { Avatar } from '../../shared/ui/Avatar';
import { chatAvatarUrl, chatTitle } from './chatTitle';
import { MuteToggle } from './MuteToggle';

interface ChatListItemProps {
  chat: Chat;
  currentUserId: string | undefined;
  now: Date;
}

function preview(message: Message | null, currentUserId: string | undefined): string {
  if (!message) return 'No messages yet';
  if (message.deletedAt) return 'Message deleted';
  const text = message.type === 'image' && !message.content ? 'Photo' : message.content;
  return message.sender?.id === currentUserId ? `You: ${text}` : text;
}

export function ChatListItem({ chat, currentUserId, now }: ChatListItemProps) {
  const title = chatTitle(chat, currentUserId);
  return (
    <li className="flex flex-wrap items-center hover:bg-slate-100">
      <NavLink
        to={`/chats/${chat.id}`}
        className={({ isActive }) =>
          `flex min-w-0 flex-1 items-center gap-3 px-4 py-3 focus-visible:ring-2 focus-visible:ring-blue-400 focus-visible:outline-none focus-visible:ring-inset ${isActive ? 'bg-blue-50' : ''}`
        }
      >
        <Avatar name={title} url={chatAvatarUrl(chat, currentUserId)} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline justify-between gap-2">
            <span className="flex min-w-0 items-baseline gap-1">
              <span className="truncate font-medium text-slate-900">{title}</span>
              {chat.muted && (
                <span role="img" aria-label="Muted" title="Muted" className="shrink-0 text-xs">
                  🔕
                </span>
              )}
            </span>
            {chat.lastMessage && (
              <time
                dateTime={chat.lastMessage.createdAt}
                title={formatExactTime(chat.lastMessage.createdAt)}
                className="shrink-0 text-xs text-slate-500"
              >
                {formatListTime(chat.lastMessage.createdAt, now)}
              </time>
            )}
          </span>
          <span className="flex items-center justify-between gap-2">
            <span className="truncate text-sm text-slate-600">{preview(chat.lastMessage, currentUserId)}</span>
            {chat.unreadCount > 0 && (
              <>
                <span
                  aria-hidden="true"
                  className={`shrink-0 rounded-full px-2 text-xs font-semibold ${
                    chat.muted ? 'bg-slate-200 text-slate-600' : 'bg-blue-600 text-white'
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
