import type { Chat } from '@messenger/contract';
import { describeTypists } from './describeTypists';
import { selectTypists, useTypingStore } from './typingStore';

interface TypingIndicatorProps {
  chat: Chat;
  currentUserId: string | undefined;
}

/** The line under the message list. Always rendered, so that screen readers announce its changes. */
export function TypingIndicator({ chat, currentUserId }: TypingIndicatorProps) {
  const typists = useTypingStore(selectTypists(chat.id));
  const names = typists
    .filter((userId) => userId !== currentUserId)
    .map((userId) => chat.participants.find((participant) => participant.user.id === userId)?.user.displayName)
    .filter((name) => name !== undefined);
  return (
    <p role="status" className="h-5 px-4 text-xs text-fg-muted italic">
      {describeTypists(names)}
    </p>
  );
}
