import { create } from 'zustand';
import type { Message } from '@messenger/contract';
import { withMessageCopy } from './pinnedList';

/** A chat's pinned messages, newest pin first, once fetched; kept current by the server's events from then on. */
export type ChatPins = Message[];

interface PinsState {
  /** Only chats whose pins were fetched: the others are fetched when they are opened. */
  byChat: Record<string, ChatPins>;
  pinsFetched: (chatId: string, messages: Message[]) => void;
  /** Any copy of a message from the server (pinned, unpinned, edited, deleted). */
  messageChanged: (message: Message) => void;
  chatForgotten: (chatId: string) => void;
  reset: () => void;
}

export const usePinsStore = create<PinsState>()((set) => ({
  byChat: {},
  pinsFetched: (chatId, messages) => set((state) => ({ byChat: { ...state.byChat, [chatId]: messages } })),
  messageChanged: (message) =>
    set((state) => {
      const pinned = state.byChat[message.chatId];
      // Most copies are of messages that neither are nor were pinned: nothing to change, nothing to render.
      if (!pinned || (message.pinnedAt === null && !pinned.some((held) => held.id === message.id))) return state;
      return { byChat: { ...state.byChat, [message.chatId]: withMessageCopy(pinned, message) } };
    }),
  chatForgotten: (chatId) =>
    set((state) => ({ byChat: Object.fromEntries(Object.entries(state.byChat).filter(([id]) => id !== chatId)) })),
  reset: () => set({ byChat: {} }),
}));

export const selectPins = (chatId: string) => (state: PinsState) => state.byChat[chatId];
