import type { ReplyPreview } from '@messenger/contract';
import { MessageText } from './formatting/MessageText';

export const DELETED_PLACEHOLDER = 'This message was deleted';

interface ReplyQuoteProps {
  reply: ReplyPreview;
  own: boolean;
  onJump: (messageId: string) => void;
}

/** The message being answered, inside the answer; pressing it scrolls to the original. */
export function ReplyQuote({ reply, own, onJump }: ReplyQuoteProps) {
  return (
    <button
      type="button"
      onClick={() => onJump(reply.id)}
      className={`mb-1 block w-full rounded-md border-l-4 px-2 py-1 text-left text-sm ${
        own ? 'border-accent-fg/70 bg-accent-hover text-accent-fg' : 'border-accent bg-surface-muted text-fg'
      }`}
    >
      {/* Named by what it shows too (WCAG 2.5.3), so speech users can say what they see. */}
      <span className="sr-only">Jump to quoted message: </span>
      <span className="block text-xs font-semibold">{reply.sender?.displayName ?? 'Someone'}</span>
      {/* An empty excerpt means the original was deleted. */}
      <span className="line-clamp-2">
        {reply.excerpt ? <MessageText content={reply.excerpt} excerpt /> : <em>{DELETED_PLACEHOLDER}</em>}
      </span>
    </button>
  );
}
