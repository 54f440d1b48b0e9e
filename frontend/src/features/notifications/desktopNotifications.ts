import type { Message } from '@messenger/contract';
import { fileSummary } from '../../shared/lib/fileSummary';
import { messagePath } from '../../shared/lib/paths';
import { useChatsStore } from '../chats';

const BODY_LENGTH = 120;

/** Unset means on: only an explicit `false` at build time turns desktop notifications off. */
export const notificationsEnabled = () => import.meta.env.VITE_ENABLE_NOTIFICATIONS !== 'false';

export const notificationsSupported = () => 'Notification' in window;

type Navigate = (path: string) => void;

let navigate: Navigate | null = null;

/** The router's navigation, for a click on a notification; returns the function that unregisters it. */
export function registerNotificationNavigation(navigateTo: Navigate): () => void {
  navigate = navigateTo;
  return () => {
    if (navigate === navigateTo) navigate = null;
  };
}

const userIsAway = () => document.visibilityState === 'hidden' || !document.hasFocus();

function notificationText(message: Message): string {
  const files = fileSummary(message);
  if (files && !message.content) return `Sent ${files}`;
  if (message.type === 'image' && !message.content) return 'Sent an image';
  return message.content.length > BODY_LENGTH ? `${message.content.slice(0, BODY_LENGTH - 1)}…` : message.content;
}

/** A new message from someone else, while we are looking elsewhere and the chat is not muted. */
export function notifyNewMessage(message: Message, currentUserId: string | undefined): void {
  // System messages have no sender.
  const { sender } = message;
  if (!sender || sender.id === currentUserId) return;
  if (!notificationsEnabled() || !notificationsSupported() || Notification.permission !== 'granted') return;
  if (!userIsAway()) return;
  const chat = useChatsStore.getState().chats.find((known) => known.id === message.chatId);
  if (chat?.muted) return;

  const title = chat?.type === 'group' && chat.name ? `${sender.displayName} in ${chat.name}` : sender.displayName;
  // The chat's tag makes a newer notification replace the previous one rather than pile up.
  const notification = new Notification(title, { body: notificationText(message), tag: message.chatId });
  notification.onclick = () => {
    window.focus();
    navigate?.(messagePath(message.chatId, message.id));
    notification.close();
  };
}
