import { Navigate, useParams } from 'react-router-dom';
import { ChatView } from '../features/messages';

/** /chats/:chatId, and /chats/:chatId/messages/:messageId to open it at one message. */
export function ChatRoute() {
  const { chatId, messageId } = useParams();
  if (!chatId) return <Navigate to="/chats" replace />;
  // A fresh view per chat, so nothing of one chat (draft, errors, scroll) leaks into the next.
  return <ChatView key={chatId} chatId={chatId} focusMessageId={messageId} />;
}
