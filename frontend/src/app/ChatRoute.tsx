import { Navigate, useParams } from 'react-router-dom';
import { ChatView } from '../features/messages';

export function ChatRoute() {
  const { chatId } = useParams();
  if (!chatId) return <Navigate to="/chats" replace />;
  // A fresh view per chat, so nothing of one chat (draft, errors, scroll) leaks into the next.
  return <ChatView key={chatId} chatId={chatId} />;
}
