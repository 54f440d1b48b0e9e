import { withNewestMembers } from '@messenger/client';
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
 * The counts of `chat` (as it was before) once a message arrived: a new one from someone else is unread, and a
 * mention of us too, until a read receipt (from any of our devices) says otherwise; a system message (someone joined,
 * a pin) is unread for everyone, as the server counts it. A new one of ours read the chat up to it (the server raised
 * our watermark with it), mentions included. Only a seq past the chat's last counts, so a message heard twice (live,
 * then replayed) counts once.
 */
export function withCounts(updated: Chat, chat: Chat, message: Message, currentUserId: string | undefined): Chat {
  if (message.seq <= chat.lastSeq) return updated;
  if (message.sender === null) return { ...updated, unreadCount: chat.unreadCount + 1 };
  if (message.sender.id === currentUserId) return { ...updated, mentionCount: 0 };
  const mentionsUs = currentUserId !== undefined && message.mentions.includes(currentUserId);
  return {
    ...updated,
    unreadCount: chat.unreadCount + 1,
    mentionCount: chat.mentionCount + (mentionsUs ? 1 : 0),
  };
}

/**
 * Takes a freshly fetched list as the truth, except for what was pushed over the socket while the request was in
 * flight and must not be rolled back by the older response: a newer message, newer members (a member change), and a
 * participant's delivered and read watermarks (which only ever rise: a receipt that came first would otherwise be
 * lost until the next one).
 */
export function mergeFetchedChats(current: Chat[], fetched: Chat[]): Chat[] {
  const currentById = new Map(current.map((chat) => [chat.id, chat]));
  const merged = fetched.map((received) => {
    const known = currentById.get(received.id);
    if (!known) return received;
    const chat = withNewestMembers(received, known);
    const withLast = known.lastMessage && known.lastSeq > chat.lastSeq ? withMessage(chat, known.lastMessage) : chat;
    return { ...withLast, participants: withLast.participants.map((participant) => risen(participant, known)) };
  });
  return sortByActivity(merged);
}

type Participant = Chat['participants'][number];

function risen(fetched: Participant, known: Chat): Participant {
  const before = known.participants.find((participant) => participant.user.id === fetched.user.id);
  if (!before) return fetched;
  return {
    ...fetched,
    lastDeliveredSeq: Math.max(fetched.lastDeliveredSeq, before.lastDeliveredSeq),
    lastReadSeq: Math.max(fetched.lastReadSeq, before.lastReadSeq),
  };
}
