import { Button } from '../../shared/ui/Button';
import { formatContent } from './formatContent';
import { MessageBubble } from './MessageBubble';
import type { OutgoingMessage } from './timeline';

interface OutgoingItemProps {
  outgoing: OutgoingMessage;
  onRetry: () => void;
}

/** One of our messages the server has not stored yet: sending, or failed with the reason. */
export function OutgoingItem({ outgoing, onRetry }: OutgoingItemProps) {
  const status =
    outgoing.status === 'sending' ? (
      <span>Sending…</span>
    ) : (
      <span className="flex items-center gap-2 text-fg-danger">
        <span role="alert">Not sent: {outgoing.error}</span>
        <Button variant="ghost" size="sm" onClick={onRetry}>
          Retry message
        </Button>
      </span>
    );
  return (
    <MessageBubble
      own
      sender={null}
      createdAt={outgoing.createdAt}
      content={
        <>
          {outgoing.attachmentIds?.length ? (
            <span className="block italic opacity-80">
              {outgoing.attachmentIds.length === 1 ? '1 attachment' : `${outgoing.attachmentIds.length} attachments`}
            </span>
          ) : null}
          {formatContent(outgoing.content)}
        </>
      }
      status={status}
    />
  );
}
