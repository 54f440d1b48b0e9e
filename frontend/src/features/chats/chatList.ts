import type { Chat, Message } from '@messenger/contract';

const activityTime = (chat: Chat) => Date.parse(chat.lastMessage?.createdAt ?? chat.updatedAt);

/** Newest activity first, as the server lists them. */
export function sortByActivity(chats: Chat[]): Chat[] {
  return chats.toSorted((a, b) => activityTime(b) - activityTime(a));
}

/** The chat as it is once `message` is known: a newer message becomes its last one; an edit of the last one replaces it. */
export function withMessage(chat: Chat, message: Message): Chat {
  if (message.seq > chat.lastSeq) return { ...chat, lastMessage: message, lastSeq: message.seq };
  if (chat.lastMessage?.id === message.id) return { ...chat, lastMessage: message };
  return chat;
}

/**
 * Takes a freshly fetched list as the truth, except that a message pushed over the socket
 * while the request was in flight must not be rolled back by the older response.
 */
export function mergeFetchedChats(current: Chat[], fetched: Chat[]): Chat[] {
  const currentById = new Map(current.map((chat) => [chat.id, chat]));
  const merged = fetched.map((chat) => {
    const known = currentById.get(chat.id);
    return known?.lastMessage && known.lastSeq > chat.lastSeq ? withMessage(chat, known.lastMessage) : chat;
  });
  return sortByActivity(merged);
}
