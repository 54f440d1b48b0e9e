import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { selectUnreadTotal, useChatsStore } from '../chats';
import { registerNotificationNavigation } from './desktopNotifications';

const APP_TITLE = '1000-Messenger';

/** "(3) 1000-Messenger" while unmuted chats hold unread messages, so that a background tab shows it. */
export function useUnreadTitle(): void {
  const unread = useChatsStore(selectUnreadTotal);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${APP_TITLE}` : APP_TITLE;
    return () => {
      document.title = APP_TITLE;
    };
  }, [unread]);
}

/** Lets a click on a notification open its message through the router, without reloading the app. */
export function useNotificationNavigation(): void {
  const navigate = useNavigate();
  useEffect(() => registerNotificationNavigation((path) => void navigate(path)), [navigate]);
}
