import type { ReactNode } from 'react';
import type { Message } from '../../shared/api/types';
import { formatContent } from './formatContent';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

interface BubbleProps {
  own: boolean;
  senderName: string | null;
  createdAt: string;
  content: ReactNode;
  status: ReactNode;
}

/** The shared look of a stored and a pending message. */
export function MessageBubble({ own, senderName, createdAt, content, status }: BubbleProps) {
  return (
    <li className={`flex max-w-[85%] flex-col md:max-w-[70%] ${own ? 'self-end items-end' : 'self-start items-start'}`}>
      {senderName && <span className="px-1 text-xs font-medium text-slate-600">{senderName}</span>}
      <div
        className={`rounded-2xl px-3 py-2 break-words whitespace-pre-wrap ${
          own ? 'bg-blue-600 text-white' : 'border border-slate-200 bg-white text-slate-900'
        }`}
      >
        {content}
      </div>
      <span className={`flex flex-wrap items-center gap-x-2 px-1 text-xs text-slate-500 ${own ? 'justify-end' : ''}`}>
        <time dateTime={createdAt}>{timeFormat.format(new Date(createdAt))}</time>
        {status}
      </span>
    </li>
  );
}

interface MessageItemProps {
  message: Message;
  own: boolean;
}

export function MessageItem({ message, own }: MessageItemProps) {
  if (message.type === 'system') {
    return <li className="self-center px-2 text-center text-xs text-slate-500">{message.content}</li>;
  }
  const content = message.deletedAt ? <em className="opacity-75">Message deleted</em> : formatContent(message.content);
  return (
    <MessageBubble
      own={own}
      senderName={own ? null : (message.sender?.displayName ?? null)}
      createdAt={message.createdAt}
      content={content}
      status={message.editedAt && !message.deletedAt ? 'edited' : null}
    />
  );
}
