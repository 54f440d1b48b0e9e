import { create } from 'zustand';
import type { Chat, Message } from '../../shared/api/types';
import { mergeFetchedChats, sortByActivity, withMessage } from './chatList';

interface ChatsState {
  /** Newest activity first. */
  chats: Chat[];
  loaded: boolean;
  /** Why the last attempt to fetch the list failed, until one succeeds. */
  loadError: string | null;
  chatsFetched: (chats: Chat[]) => void;
  chatsFetchFailed: (error: string) => void;
  chatReceived: (chat: Chat) => void;
  chatRemoved: (chatId: string) => void;
  /** Returns false when the message belongs to a chat this list does not know yet. */
  messageReceived: (message: Message) => boolean;
  reset: () => void;
}

const initialState = { chats: [], loaded: false, loadError: null } satisfies Partial<ChatsState>;

export const useChatsStore = create<ChatsState>()((set, get) => ({
  ...initialState,
  chatsFetched: (chats) =>
    set((state) => ({ chats: mergeFetchedChats(state.chats, chats), loaded: true, loadError: null })),
  chatsFetchFailed: (loadError) => set({ loadError }),
  chatReceived: (chat) =>
    set((state) => ({
      chats: sortByActivity([chat, ...state.chats.filter((known) => known.id !== chat.id)]),
    })),
  chatRemoved: (chatId) => set((state) => ({ chats: state.chats.filter((chat) => chat.id !== chatId) })),
  messageReceived: (message) => {
    if (!get().chats.some((chat) => chat.id === message.chatId)) return false;
    set((state) => ({
      chats: sortByActivity(
        state.chats.map((chat) => (chat.id === message.chatId ? withMessage(chat, message) : chat)),
      ),
    }));
    return true;
  },
  reset: () => set(initialState),
}));

export const selectChat = (chatId: string) => (state: ChatsState) => state.chats.find((chat) => chat.id === chatId);
