import { useState } from 'react';
import type { Message } from '@messenger/contract';
import { deliveryState, readers, selectChat, useChatsStore } from '../chats';

interface ReceiptStatusProps {
  message: Message;
  currentUserId: string | undefined;
}

const marks = {
  sent: { label: 'Sent', text: '✓', className: '' },
  delivered: { label: 'Delivered', text: '✓✓', className: '' },
  read: { label: 'Read', text: '✓✓', className: 'text-fg-accent' },
} as const;

/**
 * How far one of our messages got: ✓ stored by the server, ✓✓ delivered, blue ✓✓ read (direct chats);
 * in groups, "Read by N" opens the list of readers. Compared against the participants' watermarks.
 */
export function ReceiptStatus({ message, currentUserId }: ReceiptStatusProps) {
  const chat = useChatsStore(selectChat(message.chatId));
  const [readersOpen, setReadersOpen] = useState(false);
  if (!chat) return null;

  const state = deliveryState(chat, message.seq, currentUserId);
  const mark = marks[state];
  const check = (
    <span role="img" aria-label={mark.label} title={mark.label} className={mark.className}>
      {mark.text}
    </span>
  );
  if (chat.type !== 'group') return check;

  const readBy = readers(chat, message.seq, currentUserId);
  if (readBy.length === 0) return check;
  return (
    <span
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setReadersOpen(false);
      }}
    >
      <button
        type="button"
        aria-expanded={readersOpen}
        onClick={() => setReadersOpen((open) => !open)}
        className="rounded text-fg-accent hover:underline"
      >
        Read by {readBy.length}
      </button>
      {readersOpen && (
        <ul
          aria-label="Read by"
          className="absolute right-0 bottom-full z-10 mb-1 max-h-48 w-48 overflow-y-auto rounded-md border border-border bg-surface-raised p-2 text-sm text-fg shadow-lg"
        >
          {readBy.map((user) => (
            <li key={user.id} className="truncate">
              {user.displayName}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
