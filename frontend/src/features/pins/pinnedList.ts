import type { Message } from '@messenger/contract';

/** Newest pin first; pins of the same moment by their place in the chat, newest first (as the server lists them). */
const byPin = (a: Message, b: Message) => (b.pinnedAt ?? '').localeCompare(a.pinnedAt ?? '') || b.seq - a.seq;

/**
 * A chat's pinned messages after the server sent a copy of one of its messages (a pin, an unpin, an edit, a
 * deletion): a pinned copy takes its place in the list, any other copy leaves it.
 */
export function withMessageCopy(pinned: readonly Message[], message: Message): Message[] {
  const others = pinned.filter((held) => held.id !== message.id);
  if (message.pinnedAt === null || message.deletedAt !== null) return others;
  return [...others, message].sort(byPin);
}
