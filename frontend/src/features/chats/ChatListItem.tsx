import { NavLink } from 'react-router-dom';
import type { Chat, Message } from '../../shared/api/types';
import { Avatar } from '../../shared/ui/Avatar';
import { chatAvatarUrl, chatTitle } from './chatTitle';

interface ChatListItemProps {
  chat: Chat;
  currentUserId: string | undefined;
}

function preview(message: Message | null, currentUserId: string | undefined): string {
  if (!message) return 'No messages yet';
  if (message.deletedAt) return 'Message deleted';
  const text = message.type === 'image' && !message.content ? 'Photo' : message.content;
  return message.sender?.id === currentUserId ? `You: ${text}` : text;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function ChatListItem({ chat, currentUserId }: ChatListItemProps) {
  const title = chatTitle(chat, currentUserId);
  return (
    <li>
      <NavLink
        to={`/chats/${chat.id}`}
        className={({ isActive }) =>
          `flex items-center gap-3 px-4 py-3 hover:bg-slate-100 ${isActive ? 'bg-blue-50' : ''}`
        }
      >
        <Avatar name={title} url={chatAvatarUrl(chat, currentUserId)} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline justify-between gap-2">
            <span className="truncate font-medium text-slate-900">{title}</span>
            {chat.lastMessage && (
              <time dateTime={chat.lastMessage.createdAt} className="shrink-0 text-xs text-slate-500">
                {timeFormat.format(new Date(chat.lastMessage.createdAt))}
              </time>
            )}
          </span>
          <span className="flex items-center justify-between gap-2">
            <span className="truncate text-sm text-slate-600">{preview(chat.lastMessage, currentUserId)}</span>
            {chat.unreadCount > 0 && (
              <>
                <span
                  aria-hidden="true"
                  className="shrink-0 rounded-full bg-blue-600 px-2 text-xs font-semibold text-white"
                >
                  {chat.unreadCount}
                </span>
                <span className="sr-only">, {chat.unreadCount} unread</span>
              </>
            )}
          </span>
        </span>
      </NavLink>
    </li>
  );
}
