import type { ReplyPreview } from '@messenger/contract';
import { MentionedNamesContext, useMentionedNames } from '../mentions';
import { MessageText } from './formatting/MessageText';

export const DELETED_PLACEHOLDER = 'This message was deleted';

interface ReplyQuoteProps {
  chatId: string;
  reply: ReplyPreview;
  currentUserId: string | undefined;
  own: boolean;
  onJump: (messageId: string) => void;
}

/**
 * The message being answered, inside the answer, its mentions highlighted as in the original; pressing it scrolls to
 * the original.
 */
export function ReplyQuote({ chatId, reply, currentUserId, own, onJump }: ReplyQuoteProps) {
  const mentioned = useMentionedNames(chatId, reply.mentions, currentUserId);
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
        {reply.excerpt ? (
          <MentionedNamesContext value={mentioned}>
            <MessageText content={reply.excerpt} excerpt />
          </MentionedNamesContext>
        ) : (
          <em>{DELETED_PLACEHOLDER}</em>
        )}
      </span>
    </button>
  );
}
