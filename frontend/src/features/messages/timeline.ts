import type { Message, MessagePage, Reaction } from '@messenger/contract';

/** A message of ours that the server has not acknowledged yet, keyed by its clientMsgId. */
export interface OutgoingMessage {
  chatId: string;
  clientMsgId: string;
  content: string;
  /** The message this one answers, if any. */
  replyToId?: string;
  /** Uploaded images, sent with the content as caption. */
  attachmentIds?: string[];
  createdAt: string;
  status: 'sending' | 'failed';
  error: string | null;
}

export interface ChatTimeline {
  /** Ascending by seq, one entry per seq. */
  messages: Message[];
  /** Ours, not acknowledged yet, in the order they were written. */
  outbox: OutgoingMessage[];
  hasMoreBefore: boolean;
  /**
   * True while we hold a window of older history (opened around a quoted or linked message) that does not
   * reach the newest message: live messages are then left out until paging forward joins up with them.
   */
  hasMoreAfter: boolean;
  /** Whether a page of history has arrived (socket messages can come first). */
  loaded: boolean;
}

export const emptyTimeline: ChatTimeline = {
  messages: [],
  outbox: [],
  hasMoreBefore: false,
  hasMoreAfter: false,
  loaded: false,
};

/**
 * Merges by seq, which identifies a message within its chat (so this also dedupes by id);
 * the incoming copy wins, being the newer state (edited, deleted, acknowledged).
 */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(current.map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Drops outgoing messages that the server has stored (their clientMsgId came back). */
export function settleOutbox(outbox: OutgoingMessage[], delivered: Message[]): OutgoingMessage[] {
  const deliveredIds = new Set(delivered.map((message) => message.clientMsgId).filter((id) => id !== null));
  return deliveredIds.size === 0 ? outbox : outbox.filter((outgoing) => !deliveredIds.has(outgoing.clientMsgId));
}

/** The last seq of the gap-free run that starts with the oldest message we hold. */
function contiguousEnd(messages: Message[]): number | undefined {
  let end = messages[0]?.seq;
  for (const message of messages.slice(1)) {
    if (end === undefined || message.seq !== end + 1) break;
    end = message.seq;
  }
  return end;
}

/**
 * Folds in the newest page of history. When it does not join up with what we already hold
 * (first load, or messages missed while offline), the older messages would leave a hole in
 * the middle, so they are dropped and can be paged in again.
 */
export function withLatestPage(timeline: ChatTimeline, page: MessagePage): ChatTimeline {
  const outbox = settleOutbox(timeline.outbox, page.messages);
  const pageFirst = page.messages[0]?.seq;
  const pageLast = page.messages.at(-1)?.seq ?? 0;
  const heldEnd = contiguousEnd(timeline.messages);
  const joinsUp = timeline.loaded && pageFirst !== undefined && heldEnd !== undefined && pageFirst <= heldEnd + 1;
  if (joinsUp) {
    return { ...timeline, messages: mergeMessages(timeline.messages, page.messages), outbox, hasMoreAfter: false };
  }
  const newer = timeline.messages.filter((message) => message.seq > pageLast);
  return {
    messages: mergeMessages(page.messages, newer),
    outbox,
    hasMoreBefore: page.hasMoreBefore,
    hasMoreAfter: false,
    loaded: true,
  };
}

/** Folds in a page of older history. */
export function withEarlierPage(timeline: ChatTimeline, page: MessagePage): ChatTimeline {
  return {
    ...timeline,
    messages: mergeMessages(timeline.messages, page.messages),
    outbox: settleOutbox(timeline.outbox, page.messages),
    hasMoreBefore: page.hasMoreBefore,
  };
}

/**
 * Folds in a page of newer history, fetched while we hold a window that does not reach the newest message.
 * A page that no longer follows on from what we hold (the newest page replaced the window meanwhile) is dropped.
 */
export function withLaterPage(timeline: ChatTimeline, page: MessagePage): ChatTimeline {
  const heldLast = timeline.messages.at(-1)?.seq ?? 0;
  const pageFirst = page.messages[0]?.seq;
  if (!timeline.hasMoreAfter || pageFirst === undefined || pageFirst > heldLast + 1) return timeline;
  return {
    ...timeline,
    messages: mergeMessages(timeline.messages, page.messages),
    outbox: settleOutbox(timeline.outbox, page.messages),
    hasMoreAfter: page.hasMoreAfter,
  };
}

/**
 * Replaces what we hold with the page around a message we did not have (a jump to a quote or a link):
 * holding both would leave a hole between them. Messages newer than the page are kept only when the page
 * reaches the newest message, so that they join up with it.
 */
export function withAroundPage(timeline: ChatTimeline, page: MessagePage): ChatTimeline {
  const pageLast = page.messages.at(-1)?.seq ?? 0;
  const newer = page.hasMoreAfter ? [] : timeline.messages.filter((message) => message.seq > pageLast);
  return {
    messages: mergeMessages(page.messages, newer),
    outbox: settleOutbox(timeline.outbox, page.messages),
    hasMoreBefore: page.hasMoreBefore,
    hasMoreAfter: page.hasMoreAfter,
    loaded: true,
  };
}

/**
 * A message from the server. A newer copy of one we hold replaces it; a new one is added, unless we hold a
 * window of older history, where it would sit after a hole (it comes back when paging forward).
 */
export function withReceivedMessage(timeline: ChatTimeline, message: Message): ChatTimeline {
  const held = timeline.messages.some((known) => known.seq === message.seq);
  const messages = held || !timeline.hasMoreAfter ? mergeMessages(timeline.messages, [message]) : timeline.messages;
  return { ...timeline, messages, outbox: settleOutbox(timeline.outbox, [message]) };
}

/** A newer copy of a message we hold (its pin changed); one we do not hold stays out, as it is no news. */
export function withUpdatedMessage(timeline: ChatTimeline, message: Message): ChatTimeline {
  if (!timeline.messages.some((known) => known.id === message.id)) return timeline;
  return { ...timeline, messages: timeline.messages.map((known) => (known.id === message.id ? message : known)) };
}

export function withReactions(timeline: ChatTimeline, messageId: string, reactions: Reaction[]): ChatTimeline {
  return {
    ...timeline,
    messages: timeline.messages.map((message) => (message.id === messageId ? { ...message, reactions } : message)),
  };
}
