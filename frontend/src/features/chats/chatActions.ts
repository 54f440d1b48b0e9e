import type { MembersChange } from '@messenger/client';
import { getErrorMessage } from '../../shared/api/errors';
import type { Message } from '@messenger/contract';
import { createDirectChat, fetchChat, fetchChats, muteChat } from './chatsApi';
import { useChatsStore } from './chatsStore';

let loadInFlight: Promise<void> | null = null;

/** Single-flight, so that a burst of messages for unknown chats costs one request. */
export function loadChats(): Promise<void> {
  loadInFlight ??= fetchChats()
    .then(
      (chats) => useChatsStore.getState().chatsFetched(chats),
      (error: unknown) => {
        useChatsStore.getState().chatsFetchFailed(getErrorMessage(error));
        throw error;
      },
    )
    .finally(() => {
      loadInFlight = null;
    });
  return loadInFlight;
}

/**
 * For a deep link to a chat that the list does not hold. A list still loading most likely holds it: wait for it
 * rather than ask for the chat alone.
 */
export async function ensureChat(chatId: string): Promise<void> {
  if (!useChatsStore.getState().loaded) await loadChats().catch(() => undefined);
  const known = useChatsStore.getState().chats.some((chat) => chat.id === chatId);
  if (!known) useChatsStore.getState().chatReceived(await fetchChat(chatId));
}

/** Returns the id of the direct chat with `userId`, creating it on first use. */
export async function openDirectChat(userId: string): Promise<string> {
  const chat = await createDirectChat(userId);
  useChatsStore.getState().chatReceived(chat);
  return chat.id;
}

/** Our other devices hear of it through `chat:updated`. */
export async function setChatMuted(chatId: string, muted: boolean): Promise<void> {
  useChatsStore.getState().chatReceived(await muteChat(chatId, muted));
}

/**
 * A member change of a chat we hold (`chat:members`), applied in the order of the chat's `membersVersion`: one that
 * comes after a change we have not heard (made on another server instance at the same moment, and still on its way)
 * has the chat fetched anew, which holds both; the one still on its way then changes nothing.
 */
export function receiveMembersChange(change: MembersChange): void {
  if (useChatsStore.getState().membersChanged(change) === 'gap') refetchChat(change.chatId);
}

/** Chats being fetched anew, and whether another gap was seen meanwhile (then fetched once more, after). */
const refetches = new Map<string, { again: boolean }>();

function refetchChat(chatId: string): void {
  const running = refetches.get(chatId);
  if (running) {
    running.again = true;
    return;
  }
  const refetch = { again: false };
  refetches.set(chatId, refetch);
  fetchChat(chatId)
    .then((chat) => {
      // Removed from it meanwhile (chat:removed): the answer, read before, must not bring it back.
      const store = useChatsStore.getState();
      if (store.chats.some((known) => known.id === chatId)) store.chatReceived(chat);
    })
    // Not ours any more (chat:removed follows), or the server is away: the next change or reconnect fetches again.
    .catch(() => undefined)
    .finally(() => {
      refetches.delete(chatId);
      if (refetch.again) refetchChat(chatId);
    });
}

/** Keeps the list's last message and order current; a chat we did not know about is fetched. */
export function recordChatMessage(message: Message, currentUserId?: string): void {
  if (useChatsStore.getState().messageReceived(message, currentUserId)) return;
  // On failure the list stays as it was; the next unknown message or reconnect fetches it again.
  loadChats().catch(() => undefined);
}
