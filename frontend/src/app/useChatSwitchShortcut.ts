import { useEffect, useRef } from 'react';
import { useMatch, useNavigate } from 'react-router-dom';
import { useChatsStore } from '../features/chats';

const stepOf = (event: KeyboardEvent): -1 | 1 | null => {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.isComposing) return null;
  if (event.key === 'ArrowUp') return -1;
  if (event.key === 'ArrowDown') return 1;
  return null;
};

/**
 * Alt+ArrowUp / Alt+ArrowDown open the previous / next chat of the chat list, from anywhere in the app. With no
 * chat open they start from the top or the bottom of the list; at either end they stay.
 */
export function useChatSwitchShortcut(): void {
  const navigate = useNavigate();
  const openChatId = useMatch('/chats/:chatId/*')?.params.chatId;
  // The chat the next press starts from. Set by the press itself too: a second press right after the first must
  // go on from the chat the first opened, even before the navigation has rendered.
  const current = useRef(openChatId);
  useEffect(() => {
    current.current = openChatId;
  }, [openChatId]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const step = stepOf(event);
      if (step === null) return;
      event.preventDefault();
      // Read at the key press: the list reorders with every message, and this needs no re-render for that.
      const { chats } = useChatsStore.getState();
      const openIndex = chats.findIndex((chat) => chat.id === current.current);
      const target = openIndex < 0 ? chats.at(step === 1 ? 0 : -1) : chats[openIndex + step];
      if (!target) return;
      current.current = target.id;
      void navigate(`/chats/${target.id}`);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);
}
