import { useNow } from '../../shared/lib/useNow';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { selectCurrentUser, useSessionStore } from '../auth';
import { loadChats } from './chatActions';
import { ChatListItem } from './ChatListItem';
import { useChatsStore } from './chatsStore';

const MINUTE = 60_000;

// A failure shows here again, through the store.
const retry = () => {
  loadChats().catch(() => undefined);
};

/** `onChatIntent`: a chat is likely to be opened next (the pointer rests on it, or the keyboard reached it). */
export function ChatList({ onChatIntent }: { onChatIntent?: (chatId: string) => void }) {
  const chats = useChatsStore((state) => state.chats);
  const loaded = useChatsStore((state) => state.loaded);
  const loadError = useChatsStore((state) => state.loadError);
  const currentUserId = useSessionStore(selectCurrentUser)?.id;
  const now = useNow(MINUTE);

  if (!loaded && loadError) {
    return (
      <div className="flex flex-col items-start gap-2 px-4 py-3">
        <ErrorAlert message={loadError} />
        <Button variant="secondary" onClick={retry}>
          Reload chats
        </Button>
      </div>
    );
  }
  if (!loaded) return <p className="px-4 py-3 text-sm text-fg-muted">Loading chats…</p>;
  if (chats.length === 0) {
    return <p className="px-4 py-3 text-sm text-fg-muted">No chats yet. Start one from your contacts.</p>;
  }
  return (
    <ul aria-label="Chat list" className="divide-y divide-border">
      {chats.map((chat) => (
        <ChatListItem key={chat.id} chat={chat} currentUserId={currentUserId} now={now} onIntent={onChatIntent} />
      ))}
    </ul>
  );
}
