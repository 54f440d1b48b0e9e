import type { Message, MessagePage } from '../../shared/api/types';

/** A message of ours that the server has not acknowledged yet, keyed by its clientMsgId. */
export interface OutgoingMessage {
  chatId: string;
  clientMsgId: string;
  content: string;
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
  /** Whether a page of history has arrived (socket messages can come first). */
  loaded: boolean;
}

export const emptyTimeline: ChatTimeline = { messages: [], outbox: [], hasMoreBefore: false, loaded: false };

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
    return { ...timeline, messages: mergeMessages(timeline.messages, page.messages), outbox };
  }
  const newer = timeline.messages.filter((message) => message.seq > pageLast);
  return {
    messages: mergeMessages(page.messages, newer),
    outbox,
    hasMoreBefore: page.hasMoreBefore,
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
