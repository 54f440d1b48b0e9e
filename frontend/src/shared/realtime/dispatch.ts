import type { ReceivedServerEvent, ReplayedEvent } from '@messenger/contract';
import { getAccessToken, refreshAccessTokenPersistently, useSessionStore } from '../../features/auth';
import { loadChats, receiveMembersChange, useChatsStore, type ReceiptKind } from '../../features/chats';
import { receiveContactRequest, useContactsStore } from '../../features/contacts';
import {
  catchUpWithChatList,
  findHeldMessage,
  flushOutbox,
  flushReceipts,
  forgetChat,
  receiveMessageChange,
  receiveMessageUpdate,
  receiveNewMessage,
  receiveReactions,
  reloadOpenedTimelines,
  restoreOutbox,
} from '../../features/messages';
import { notifyMention, notifyNewMessage } from '../../features/notifications';
import { forgetChatPins, reloadPins } from '../../features/pins';
import { usePresenceStore, type Presence } from '../../features/presence';
import { useTypingStore } from '../../features/typing';
import { realtimeUrl } from '../api/config';
import { backoffDelayMs } from '../lib/backoff';
import { connectRealtime, disconnectRealtime, isRealtimeConnected, type DispatchedEvents } from './socket';
import { cursorOf, saveCursor } from './syncCursor';
import { syncMissedEvents } from './syncMissedEvents';

const contacts = () => useContactsStore.getState();
const currentUserId = () => useSessionStore.getState().user?.id;

function presenceChanged(userId: string, presence: Presence): void {
  usePresenceStore.getState().presenceChanged(userId, presence);
  contacts().presenceChanged(userId, presence);
}

const receipt = (kind: ReceiptKind) => (payload: ReceivedServerEvent<'message:delivered' | 'message:read'>) =>
  useChatsStore.getState().receiptReceived(kind, payload, currentUserId());

/**
 * The one place where server events become store updates, live or replayed by `sync`. To handle a new event, add
 * it to the contract's map (@messenger/contract) and its entry here; components never listen to the socket.
 */
export const serverEventHandlers: DispatchedEvents = {
  'message:new': ({ message }) => receiveNewMessage(message),
  'message:edited': ({ message }) => receiveMessageChange(message),
  'message:deleted': ({ message }) => receiveMessageChange(message),
  'message:pinned': ({ message }) => receiveMessageUpdate(message),
  // The chat's mentionCount counts the message:new before it (chats' withCounts), once per seq however often it
  // is heard; changes other than new messages come as chat:updated. The event itself calls for attention, live.
  'mention:new': () => undefined,
  'reaction:updated': ({ chatId, messageId, reactions }) => receiveReactions(chatId, messageId, reactions),
  'message:delivered': receipt('delivered'),
  'message:read': receipt('read'),
  'receipts:changed': ({ receipts }) => useChatsStore.getState().receiptsChanged(receipts, currentUserId()),
  'chat:created': ({ chat }) => useChatsStore.getState().chatReceived(chat),
  'chat:updated': ({ chat }) => useChatsStore.getState().chatReceived(chat),
  'chat:members': receiveMembersChange,
  // An open view of the chat sees it gone and closes with a notice.
  'chat:removed': ({ chatId }) => {
    useChatsStore.getState().chatRemoved(chatId);
    forgetChat(chatId);
    forgetChatPins(chatId);
  },
  'typing:start': ({ chatId, userId }) => useTypingStore.getState().typingStarted(chatId, userId),
  'typing:stop': ({ chatId, userId }) => useTypingStore.getState().typingStopped(chatId, userId),
  'presence:online': ({ userId }) => presenceChanged(userId, { online: true, lastSeenAt: null }),
  'presence:offline': ({ userId, lastSeenAt }) => presenceChanged(userId, { online: false, lastSeenAt }),
  'presence:changed': ({ online, offline }) => {
    for (const userId of online) presenceChanged(userId, { online: true, lastSeenAt: null });
    for (const { userId, lastSeenAt } of offline) presenceChanged(userId, { online: false, lastSeenAt });
  },
  'contact:request': ({ request }) => {
    const userId = currentUserId();
    if (userId) receiveContactRequest(request, userId);
  },
  'contact:request:removed': ({ requestId }) => contacts().requestRemoved(requestId),
  'contact:accepted': ({ contact }) => contacts().contactAdded(contact),
  'contact:removed': ({ userId }) => contacts().contactRemoved(userId),
};

function applyEvent({ event, payload }: ReplayedEvent): void {
  const handler = serverEventHandlers[event] as ((data: unknown) => void) | undefined;
  handler?.(payload);
}

/** Only what arrives live calls for attention: messages replayed after a reconnect are old news. */
const liveOnlyHandlers: Partial<DispatchedEvents> = {
  'message:new': ({ message }) => notifyNewMessage(message, currentUserId()),
  'mention:new': (mention) => notifyMention(mention, findHeldMessage(mention.chatId, mention.messageId)),
};

/**
 * From each connect until a `sync` has replayed everything missed, the stored cursor belongs to that catch-up: a
 * live event's newer cursor would make the next sync skip what this one has not brought yet. A sync that fails (no
 * answer in time, refused) leaves the cursor where it was and is tried again, backing off, while the connection
 * lasts; a new connection starts a new catch-up from the same cursor.
 */
let owesSync = false;
let syncRetry: ReturnType<typeof setTimeout> | undefined;
/** The latest catch-up: one begun for an earlier connection may still be waiting, and must not speak for this one. */
let catchUpRun = 0;
const SYNC_BACKOFF = { baseMs: 1_000, capMs: 30_000 };

/** Live events also move the stored cursor forward, so that the next sync starts after them. */
const liveHandlers = Object.fromEntries(
  Object.entries(serverEventHandlers).map(([event, handler]) => [
    event,
    (payload: unknown) => {
      (handler as (data: unknown) => void)(payload);
      (liveOnlyHandlers[event as keyof DispatchedEvents] as ((data: unknown) => void) | undefined)?.(payload);
      const cursor = cursorOf(payload);
      const userId = currentUserId();
      if (cursor && userId && !owesSync) saveCursor(userId, cursor);
    },
  ]),
) as unknown as DispatchedEvents;

/** The replay log no longer reaches back far enough: fetch the chat list and the opened chats by seq. */
function refetchEverything(): void {
  refetchChatList();
  void reloadOpenedTimelines();
  void reloadPins();
}

/** The chat list anew, and any opened chat that it shows to be behind. */
function refetchChatList(): void {
  loadChats()
    .then(() => catchUpWithChatList(useChatsStore.getState().chats))
    .catch(() => undefined);
}

let connectedBefore = false;

async function onConnect(): Promise<void> {
  const userId = currentUserId();
  if (!userId) return;
  // Presence is not replayed: start again from the chat list's copy (fetched anew after a drop).
  if (connectedBefore) {
    usePresenceStore.getState().reset();
    refetchChatList();
  }
  connectedBefore = true;
  void flushOutbox();
  flushReceipts();
  owesSync = true;
  await catchUp(userId, 0);
}

async function catchUp(userId: string, attempt: number): Promise<void> {
  clearTimeout(syncRetry);
  const run = ++catchUpRun;
  try {
    await syncMissedEvents({ userId, apply: applyEvent, onCursorExpired: refetchEverything });
    if (run === catchUpRun) owesSync = false;
  } catch {
    // Disconnected meanwhile: the next connect catches up from the same cursor. Otherwise try again later.
    if (run !== catchUpRun || !isRealtimeConnected() || currentUserId() !== userId) return;
    syncRetry = setTimeout(() => void catchUp(userId, attempt + 1), backoffDelayMs(attempt, SYNC_BACKOFF));
  }
}

/** The browser's network is back: the socket may not have noticed it was gone, so send what waits now. */
const flushWhenOnline = () => void flushOutbox();

export function startRealtime(): void {
  connectedBefore = false;
  window.addEventListener('online', flushWhenOnline);
  connectRealtime({
    url: realtimeUrl,
    getAccessToken,
    refreshAccessToken: refreshAccessTokenPersistently,
    handlers: liveHandlers,
    onConnect: () => void onConnect(),
  });
  const userId = currentUserId();
  if (userId) void restoreOutbox(userId);
}

export function stopRealtime(): void {
  clearTimeout(syncRetry);
  window.removeEventListener('online', flushWhenOnline);
  disconnectRealtime();
}
