import { create } from 'zustand';
import type { Message, MessagePage, Reaction } from '@messenger/contract';
import {
  emptyTimeline,
  mergeMessages,
  settleOutbox,
  withAroundPage,
  withEarlierPage,
  withLatestPage,
  withLaterPage,
  withReactions,
  withReceivedMessage,
  withUpdatedMessage,
  type ChatTimeline,
  type OutgoingMessage,
} from './timeline';

interface MessagesState {
  timelines: Record<string, ChatTimeline>;
  latestPageFetched: (chatId: string, page: MessagePage) => void;
  earlierPageFetched: (chatId: string, page: MessagePage) => void;
  laterPageFetched: (chatId: string, page: MessagePage) => void;
  aroundPageFetched: (chatId: string, page: MessagePage) => void;
  /** Messages that were missing between ones we hold. */
  gapPageFetched: (chatId: string, page: MessagePage) => void;
  reactionsUpdated: (chatId: string, messageId: string, reactions: Reaction[]) => void;
  /** We are no longer in the chat: drop what we held of it. */
  chatForgotten: (chatId: string) => void;
  /** A message from the server: a `message:new` event, an acknowledgement, an edit or a deletion. */
  messageReceived: (message: Message) => void;
  /** A message changed in place (its pin): replaced where held, never added. */
  messageUpdated: (message: Message) => void;
  messageQueued: (outgoing: OutgoingMessage) => void;
  messageFailed: (chatId: string, clientMsgId: string, error: string) => void;
  messageRetried: (chatId: string, clientMsgId: string) => void;
  reset: () => void;
}

export const useMessagesStore = create<MessagesState>()((set) => {
  const update = (chatId: string, change: (timeline: ChatTimeline) => ChatTimeline) =>
    set((state) => ({
      timelines: { ...state.timelines, [chatId]: change(state.timelines[chatId] ?? emptyTimeline) },
    }));

  const updateOutgoing = (chatId: string, clientMsgId: string, change: Partial<OutgoingMessage>) =>
    update(chatId, (timeline) => ({
      ...timeline,
      outbox: timeline.outbox.map((outgoing) =>
        outgoing.clientMsgId === clientMsgId ? { ...outgoing, ...change } : outgoing,
      ),
    }));

  return {
    timelines: {},
    latestPageFetched: (chatId, page) => update(chatId, (timeline) => withLatestPage(timeline, page)),
    earlierPageFetched: (chatId, page) => update(chatId, (timeline) => withEarlierPage(timeline, page)),
    laterPageFetched: (chatId, page) => update(chatId, (timeline) => withLaterPage(timeline, page)),
    aroundPageFetched: (chatId, page) => update(chatId, (timeline) => withAroundPage(timeline, page)),
    gapPageFetched: (chatId, page) =>
      update(chatId, (timeline) => ({
        ...timeline,
        messages: mergeMessages(timeline.messages, page.messages),
        outbox: settleOutbox(timeline.outbox, page.messages),
      })),
    reactionsUpdated: (chatId, messageId, reactions) =>
      update(chatId, (timeline) => withReactions(timeline, messageId, reactions)),
    chatForgotten: (chatId) =>
      set((state) => ({
        timelines: Object.fromEntries(Object.entries(state.timelines).filter(([id]) => id !== chatId)),
      })),
    messageReceived: (message) => update(message.chatId, (timeline) => withReceivedMessage(timeline, message)),
    messageUpdated: (message) => update(message.chatId, (timeline) => withUpdatedMessage(timeline, message)),
    messageQueued: (outgoing) =>
      update(outgoing.chatId, (timeline) => ({ ...timeline, outbox: [...timeline.outbox, outgoing] })),
    messageFailed: (chatId, clientMsgId, error) => updateOutgoing(chatId, clientMsgId, { status: 'failed', error }),
    messageRetried: (chatId, clientMsgId) => updateOutgoing(chatId, clientMsgId, { status: 'sending', error: null }),
    reset: () => set({ timelines: {} }),
  };
});

export const selectTimeline = (chatId: string) => (state: MessagesState) => state.timelines[chatId];

/** The message, when this device holds it (a chat's timeline holds what was loaded or arrived live). */
export const findHeldMessage = (chatId: string, messageId: string) =>
  useMessagesStore.getState().timelines[chatId]?.messages.find((message) => message.id === messageId);
