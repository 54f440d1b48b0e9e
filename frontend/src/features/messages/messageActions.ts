import type { Chat, Message, Reaction } from '@messenger/contract';
import { useSessionStore } from '../auth';
import { recordChatMessage } from '../chats';
import { pinMessage, receivePinnedMessage, unpinMessage } from '../pins';
import { addReaction, fetchMessages, removeMessage, removeReaction, updateMessage } from './messagesApi';
import { useMessagesStore } from './messagesStore';
import { forgetOutgoing } from './outboxStorage';
import { reportDelivered } from './readReceipts';

const store = () => useMessagesStore.getState();

/** The server's page size: a longer gap is cheaper to close by loading the newest page. */
const PAGE_LIMIT = 50;

/** Everything that learns of a message from the server goes through here. */
export function receiveMessage(message: Message): void {
  const currentUserId = useSessionStore.getState().user?.id;
  store().messageReceived(message);
  recordChatMessage(message, currentUserId);
  receivePinnedMessage(message);
  // Stored by the server: no longer ours to resend after a reload.
  if (message.clientMsgId && message.sender?.id === currentUserId) void forgetOutgoing(message.clientMsgId);
}

/**
 * A message that changed in place (`message:pinned`, or our own pin's answer): the copy held in its timeline and in
 * the chat's pinned list follow. Never added to a timeline: a pin of an old message is no reason to hold it.
 */
export function receiveMessageUpdate(message: Message): void {
  store().messageUpdated(message);
  receivePinnedMessage(message);
}

/**
 * An edit or deletion, ours or heard: the copies held follow, and the chat list's preview if it is the chat's last
 * message. A message this device does not hold stays out: placed among history it never loaded, it would leave a
 * hole in the timeline that paging would skip.
 */
export function receiveMessageChange(message: Message): void {
  receiveMessageUpdate(message);
  recordChatMessage(message, useSessionStore.getState().user?.id);
}

/**
 * A `message:new`, live or replayed: acknowledges delivery of others' messages, and fetches what is missing
 * when it does not follow on from the newest message we hold (an event lost on the way).
 */
export function receiveNewMessage(message: Message): void {
  const timeline = store().timelines[message.chatId];
  const heldUpTo = timeline?.loaded && !timeline.hasMoreAfter ? timeline.messages.at(-1)?.seq : undefined;
  receiveMessage(message);
  acknowledgeDelivery(message.chatId, [message]);
  if (heldUpTo !== undefined && message.seq > heldUpTo + 1) {
    fillGap(message.chatId, heldUpTo, message.seq).catch(() => undefined);
  }
}

/**
 * Others' messages up to the newest of these reached this device. Live and replayed ones, and those a catch-up
 * fetched (after a reconnect whose replay had expired, or to close a gap): otherwise a message that came back
 * that way would stay "sent" for its sender. Pages of older history are not reported: they arrived long ago.
 */
function acknowledgeDelivery(chatId: string, messages: readonly Message[]): void {
  const me = useSessionStore.getState().user?.id;
  const newest = messages.reduce(
    (seq, message) => (message.sender && message.sender.id !== me ? Math.max(seq, message.seq) : seq),
    0,
  );
  if (newest > 0) reportDelivered(chatId, newest);
}

/** A page of what this device missed: fetched, then acknowledged as delivered. */
async function fetchMissed(chatId: string, query?: { after: number }) {
  const page = await fetchMessages(chatId, query);
  acknowledgeDelivery(chatId, page.messages);
  return page;
}

async function fillGap(chatId: string, heldUpTo: number, receivedSeq: number): Promise<void> {
  if (receivedSeq - heldUpTo - 1 > PAGE_LIMIT) {
    store().latestPageFetched(chatId, await fetchMissed(chatId));
    return;
  }
  store().gapPageFetched(chatId, await fetchMissed(chatId, { after: heldUpTo }));
}

export async function loadLatestMessages(chatId: string): Promise<void> {
  store().latestPageFetched(chatId, await fetchMessages(chatId));
}

export async function loadEarlierMessages(chatId: string): Promise<void> {
  const oldest = store().timelines[chatId]?.messages[0];
  if (!oldest) return;
  store().earlierPageFetched(chatId, await fetchMessages(chatId, { before: oldest.seq }));
}

export async function loadLaterMessages(chatId: string): Promise<void> {
  const newest = store().timelines[chatId]?.messages.at(-1);
  if (!newest) return;
  store().laterPageFetched(chatId, await fetchMissed(chatId, { after: newest.seq }));
}

/** Makes sure the message is held, fetching the history around it when it is not. */
export async function loadMessagesAround(chatId: string, messageId: string): Promise<void> {
  // A message that arrived live is in the store before the chat's history is: only a loaded timeline will do.
  const timeline = store().timelines[chatId];
  if (timeline?.loaded && timeline.messages.some((message) => message.id === messageId)) return;
  store().aroundPageFetched(chatId, await fetchMessages(chatId, { around: messageId }));
}

/**
 * The chat list is the last word on each chat's newest message: a loaded timeline that ends before it missed
 * something (an event lost in a reconnect, a refetch that failed) and fetches the rest. Runs after every fetch of
 * the list following a reconnect, so a timeline converges whatever went wrong on the way.
 */
export async function catchUpWithChatList(chats: readonly Chat[]): Promise<void> {
  const behind = chats.flatMap((chat) => {
    const timeline = store().timelines[chat.id];
    const newest = timeline?.messages.at(-1)?.seq ?? 0;
    const last = chat.lastMessage?.seq ?? 0;
    return timeline?.loaded && !timeline.hasMoreAfter && last > newest ? [{ id: chat.id, newest, last }] : [];
  });
  // As if the chat's newest message had just arrived: the same gap filling as for a live one.
  await Promise.allSettled(behind.map(({ id, newest, last }) => fillGap(id, newest, last + 1)));
}

/**
 * The newest page of each of these chats not loaded yet, one after the other: opening one of them then shows its
 * messages at once instead of after a round trip (the first chats of the list are the ones people open).
 */
export async function preloadTimelines(chatIds: readonly string[]): Promise<void> {
  for (const chatId of chatIds) {
    if (store().timelines[chatId]?.loaded || preloading.has(chatId)) continue;
    preloading.add(chatId);
    try {
      const page = await fetchMessages(chatId);
      // Opened meanwhile (at a linked message, say): what the chat view loaded wins over the preload.
      if (!store().timelines[chatId]?.loaded) store().latestPageFetched(chatId, page);
    } catch {
      // A preload is a bonus: opening the chat loads it anyway, and shows what went wrong.
    } finally {
      preloading.delete(chatId);
    }
  }
}

/** Chats whose preload is in flight: a pointer passing over a chat twice asks once. */
const preloading = new Set<string>();

/** After a reconnect: fetch what was missed in every chat that has been opened. */
export async function reloadOpenedTimelines(): Promise<void> {
  const chatIds = Object.entries(store().timelines)
    .filter(([, timeline]) => timeline.loaded)
    .map(([chatId]) => chatId);
  await Promise.allSettled(chatIds.map(async (chatId) => store().latestPageFetched(chatId, await fetchMissed(chatId))));
}

export async function editMessage(messageId: string, content: string): Promise<void> {
  receiveMessageChange(await updateMessage(messageId, content));
}

export async function deleteMessage(messageId: string): Promise<void> {
  receiveMessageChange(await removeMessage(messageId));
}

/** Pins the message for everyone in its chat, or takes its pin down. */
export async function togglePin(message: Message): Promise<void> {
  receiveMessageUpdate(message.pinnedAt ? await unpinMessage(message.id) : await pinMessage(message.id));
}

/** Adds our reaction with this emoji, or takes it back when we already reacted with it. */
export async function toggleReaction(message: Message, emoji: string, currentUserId: string): Promise<void> {
  const reacted = message.reactions.some(
    (reaction) => reaction.emoji === emoji && reaction.userIds.includes(currentUserId),
  );
  const reactions = reacted ? await removeReaction(message.id, emoji) : await addReaction(message.id, emoji);
  store().reactionsUpdated(message.chatId, message.id, reactions);
}

export function receiveReactions(chatId: string, messageId: string, reactions: Reaction[]): void {
  store().reactionsUpdated(chatId, messageId, reactions);
}

/** We are out of the chat: its history is no longer ours to show. */
export function forgetChat(chatId: string): void {
  store().chatForgotten(chatId);
}
