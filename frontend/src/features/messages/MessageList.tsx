import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { loadEarlierMessages } from './messageActions';
import { MessageItem } from './MessageItem';
import { selectTimeline, useMessagesStore } from './messagesStore';
import { OutgoingItem } from './OutgoingItem';
import { retryMessage } from './sendMessage';
import { useStickToBottom } from './useStickToBottom';

interface MessageListProps {
  chatId: string;
  currentUserId: string | undefined;
}

export function MessageList({ chatId, currentUserId }: MessageListProps) {
  const timeline = useMessagesStore(selectTimeline(chatId));
  const messages = timeline?.messages ?? [];
  const outbox = timeline?.outbox ?? [];
  const earlier = useAsyncAction();
  const { ref, onScroll } = useStickToBottom<HTMLDivElement>({
    firstKey: messages[0]?.id,
    lastKey: outbox.at(-1)?.clientMsgId ?? messages.at(-1)?.id,
    lastIsOwn: outbox.length > 0 || (messages.at(-1)?.sender?.id ?? null) === currentUserId,
  });

  return (
    <div ref={ref} onScroll={onScroll} role="log" aria-label="Messages" className="min-h-0 flex-1 overflow-y-auto">
      {timeline?.hasMoreBefore && (
        <div className="flex flex-col items-center gap-2 pt-3">
          <Button
            variant="secondary"
            disabled={earlier.pending}
            onClick={() => earlier.run(() => loadEarlierMessages(chatId))}
          >
            Load earlier messages
          </Button>
          <ErrorAlert message={earlier.error} />
        </div>
      )}
      {timeline?.loaded && messages.length === 0 && outbox.length === 0 && (
        <p className="p-4 text-center text-sm text-slate-500">No messages yet. Say hello!</p>
      )}
      <ol className="flex flex-col gap-2 p-4">
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} own={message.sender?.id === currentUserId} />
        ))}
        {outbox.map((outgoing) => (
          <OutgoingItem
            key={outgoing.clientMsgId}
            outgoing={outgoing}
            onRetry={() => void retryMessage(chatId, outgoing.clientMsgId)}
          />
        ))}
      </ol>
    </div>
  );
}
