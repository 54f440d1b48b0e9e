import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { getErrorMessage } from '../../shared/api/errors';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { selectCurrentUser, useSessionStore } from '../auth';
import { chatTitle, directPartner, ensureChat, selectChat, useChatsStore } from '../chats';
import { Composer } from './Composer';
import { loadLatestMessages } from './messageActions';
import { MessageList } from './MessageList';
import { sendMessage } from './sendMessage';

interface ChatViewProps {
  chatId: string;
}

/** One chat: its history, live updates and the composer. Mount it with `key={chatId}`. */
export function ChatView({ chatId }: ChatViewProps) {
  const chat = useChatsStore(selectChat(chatId));
  const currentUserId = useSessionStore(selectCurrentUser)?.id;
  const [loadError, setLoadError] = useState<string | null>(null);
  const partner = chat?.type === 'direct' ? directPartner(chat, currentUserId) : undefined;

  useEffect(() => {
    Promise.all([ensureChat(chatId), loadLatestMessages(chatId)]).catch((error: unknown) =>
      setLoadError(getErrorMessage(error)),
    );
  }, [chatId]);

  return (
    <section aria-labelledby="chat-title" className="flex h-full min-h-0 flex-col bg-slate-50">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <Link to="/chats" className="text-sm font-medium text-blue-700 hover:underline md:hidden">
          <span aria-hidden="true">←</span> Back to chat list
        </Link>
        <h1 id="chat-title" className="truncate text-lg font-semibold text-slate-900">
          {chat ? chatTitle(chat, currentUserId) : 'Chat'}
        </h1>
        {partner && partner.id !== currentUserId && (
          <Link
            to={`/users/${encodeURIComponent(partner.id)}`}
            className="ml-auto shrink-0 text-sm font-medium text-blue-700 hover:underline"
          >
            View profile
          </Link>
        )}
      </header>
      <div className="px-4 empty:hidden">
        <ErrorAlert message={loadError} />
      </div>
      {chat ? (
        <>
          <MessageList chatId={chatId} currentUserId={currentUserId} />
          <Composer onSend={(content) => void sendMessage(chatId, content)} />
        </>
      ) : (
        !loadError && <p className="p-4 text-sm text-slate-500">Loading chat…</p>
      )}
    </section>
  );
}
