import type { Message } from '@messenger/contract';

interface SystemNoteProps {
  message: Message;
  onJumpTo: (messageId: string) => void;
}

/**
 * A system message ("Bob added Ann"), apart from the conversation. One about another message ("Ann pinned a
 * message") quotes it, and the quote leads to it.
 */
export function SystemNote({ message, onJumpTo }: SystemNoteProps) {
  const { replyTo } = message;
  return (
    <p className="mx-auto px-2 text-center text-xs text-fg-muted italic">
      {message.content}
      {replyTo && (
        <>
          {': '}
          <button
            type="button"
            onClick={() => onJumpTo(replyTo.id)}
            className="rounded-sm not-italic underline underline-offset-2 hover:text-fg"
          >
            <span className="sr-only">Jump to the message:</span>{' '}
            {/* An empty excerpt: the message was deleted since, or is images alone. */}
            {replyTo.excerpt ? `“${truncate(replyTo.excerpt)}”` : 'show it'}
          </button>
        </>
      )}
    </p>
  );
}

const EXCERPT_CHARACTERS = 60;
const truncate = (text: string) =>
  text.length > EXCERPT_CHARACTERS ? `${text.slice(0, EXCERPT_CHARACTERS).trimEnd()}…` : text;
