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

/** Whether this browser may show one now: the build allows it, the user granted it, and they look elsewhere. */
const mayNotify = () =>
  notificationsEnabled() && notificationsSupported() && Notification.permission === 'granted' && userIsAway();

/** Shows a notification that opens the message on click. `tag`: a newer one with the same tag replaces it. */
function show(title: string, body: string, tag: string, message: { chatId: string; id: string }): void {
  const notification = new Notification(title, { body, tag });
  notification.onclick = () => {
    window.focus();
    navigate?.(messagePath(message.chatId, message.id));
    notification.close();
  };
}

const knownChat = (chatId: string) => useChatsStore.getState().chats.find((known) => known.id === chatId);

/**
 * A new message from someone else, while we are looking elsewhere and the chat is not muted. One that mentions us is
 * told by notifyMention instead (its `mention:new` follows), so that it is told once, muted or not.
 */
export function notifyNewMessage(message: Message, currentUserId: string | undefined): void {
  // System messages have no sender.
  const { sender } = message;
  if (!sender || sender.id === currentUserId || !mayNotify()) return;
  if (currentUserId && message.mentions.includes(currentUserId)) return;
  const chat = knownChat(message.chatId);
  if (chat?.muted) return;

  const title = chat?.type === 'group' && chat.name ? `${sender.displayName} in ${chat.name}` : sender.displayName;
  // The chat's tag makes a newer notification replace the previous one rather than pile up.
  show(title, notificationText(message), message.chatId, message);
}

/**
 * Someone mentioned us (`mention:new`), while we are looking elsewhere: told even in a muted chat (a mute silences
 * messages, not mentions). `message`: the one that mentions us, when this device holds it (its `message:new` or
 * `message:edited` came first); otherwise the chat's last message may be it.
 */
export function notifyMention(mention: { chatId: string; messageId: string }, message: Message | undefined): void {
  if (!mayNotify()) return;
  const chat = knownChat(mention.chatId);
  const held = message ?? (chat?.lastMessage?.id === mention.messageId ? chat.lastMessage : undefined);
  const who = held?.sender?.displayName ?? 'Someone';
  const title = chat?.type === 'group' && chat.name ? `${who} mentioned you in ${chat.name}` : `${who} mentioned you`;
  const body = held ? notificationText(held) : 'Open the chat to read it';
  // Each mention stays until seen: a later message of the chat does not replace it.
  show(title, body, `mention:${mention.messageId}`, { chatId: mention.chatId, id: mention.messageId });
}
