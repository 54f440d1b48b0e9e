import type { Message } from '@messenger/contract';
import { fetchPins } from './pinsApi';
import { usePinsStore } from './pinsStore';

const store = () => usePinsStore.getState();

/** Fetches in flight, per chat: the header's count and the panel ask at the same moment, and share one. */
const loading = new Map<string, Promise<void>>();

export function loadPins(chatId: string): Promise<void> {
  let load = loading.get(chatId);
  if (!load) {
    load = fetchPins(chatId)
      .then((messages) => store().pinsFetched(chatId, messages))
      .finally(() => loading.delete(chatId));
    loading.set(chatId, load);
  }
  return load;
}

/** A copy of a message from the server, live, replayed or in an answer: a list that holds its chat follows it. */
export function receivePinnedMessage(message: Message): void {
  store().messageChanged(message);
}

/** After events were lost for good (an expired cursor): fetch every list held again. */
export async function reloadPins(): Promise<void> {
  await Promise.allSettled(Object.keys(store().byChat).map((chatId) => loadPins(chatId)));
}

/** We are out of the chat. */
export function forgetChatPins(chatId: string): void {
  store().chatForgotten(chatId);
}
