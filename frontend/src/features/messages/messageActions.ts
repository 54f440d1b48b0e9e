import type { Message } from '../../shared/api/types';
import { recordChatMessage } from '../chats';
import { fetchMessages } from './messagesApi';
import { useMessagesStore } from './messagesStore';

/** Everything that learns of a message from the server goes through here. */
export function receiveMessage(message: Message): void {
  useMessagesStore.getState().messageReceived(message);
  recordChatMessage(message);
}

export async function loadLatestMessages(chatId: string): Promise<void> {
  useMessagesStore.getState().latestPageFetched(chatId, await fetchMessages(chatId));
}

export async function loadEarlierMessages(chatId: string): Promise<void> {
  const oldest = useMessagesStore.getState().timelines[chatId]?.messages[0];
  if (!oldest) return;
  useMessagesStore.getState().earlierPageFetched(chatId, await fetchMessages(chatId, oldest.seq));
}

/** After a reconnect: fetch what was missed in every chat that has been opened. */
export async function reloadOpenedTimelines(): Promise<void> {
  const chatIds = Object.entries(useMessagesStore.getState().timelines)
    .filter(([, timeline]) => timeline.loaded)
    .map(([chatId]) => chatId);
  await Promise.allSettled(chatIds.map(loadLatestMessages));
}
