import {
  membersChangeFit,
  withMembersChanged,
  withNewestMembers,
  type MembersChange,
  type MembersChangeFit,
} from '@messenger/client';
import { create } from 'zustand';
import type { Chat, Message } from '@messenger/contract';
import { mergeFetchedChats, sortByActivity, withCounts, withMessage } from './chatList';
import { withChangedReceipt, withReceipt, type ChangedReceipt, type Receipt, type ReceiptKind } from './receipts';

interface ChatsState {
  /** Newest activity first. */
  chats: Chat[];
  loaded: boolean;
  /** Why the last attempt to fetch the list failed, until one succeeds. */
  loadError: string | null;
  chatsFetched: (chats: Chat[]) => void;
  chatsFetchFailed: (error: string) => void;
  /** A whole chat (an event or an answer); members held from a newer change stay (withNewestMembers). */
  chatReceived: (chat: Chat) => void;
  /**
   * Members came into a group or left it (`chat:members`): applied when it is the next change of the chat held; `gap`
   * when one between them is missing, and the chat must be fetched. A chat this list does not hold yet comes with the
   * list.
   */
  membersChanged: (change: MembersChange) => MembersChangeFit | undefined;
  /** We were taken out of the chat (removed, or the group was deleted): say so if it was open. */
  chatRemoved: (chatId: string) => void;
  /** We left or deleted the chat ourselves: nothing to announce. */
  chatLeft: (chatId: string) => void;
  /** The last chat we were taken out of, so that its open view can close with a notice. */
  removedChatId: string | null;

  /** Returns false when the message belongs to a chat this list does not know yet. */
  messageReceived: (message: Message, currentUserId?: string) => boolean;
  receiptReceived: (kind: ReceiptKind, receipt: Receipt, currentUserId: string | undefined) => void;
  /** Every watermark of a `receipts:changed`, in one update of the list. */
  receiptsChanged: (changes: readonly ChangedReceipt[], currentUserId: string | undefined) => void;
  reset: () => void;
}

const initialState = {
  chats: [],
  loaded: false,
  loadError: null,
  removedChatId: null,
} satisfies Partial<ChatsState>;

export const useChatsStore = create<ChatsState>()((set, get) => ({
  ...initialState,
  chatsFetched: (chats) =>
    set((state) => ({ chats: mergeFetchedChats(state.chats, chats), loaded: true, loadError: null })),
  chatsFetchFailed: (loadError) => set({ loadError }),
  chatReceived: (chat) =>
    set((state) => ({
      chats: sortByActivity([
        withNewestMembers(
          chat,
          state.chats.find((known) => known.id === chat.id),
        ),
        ...state.chats.filter((known) => known.id !== chat.id),
      ]),
      // Added back to a group we had been removed from.
      removedChatId: state.removedChatId === chat.id ? null : state.removedChatId,
    })),
  membersChanged: (change) => {
    const held = get().chats.find((chat) => chat.id === change.chatId);
    if (!held) return undefined;
    const fit = membersChangeFit(held, change);
    if (fit === 'next') {
      set((state) => ({
        chats: state.chats.map((chat) => (chat.id === change.chatId ? withMembersChanged(chat, change) : chat)),
      }));
    }
    return fit;
  },
  chatRemoved: (chatId) =>
    set((state) => {
      // Our own leave removed it already: no notice for that.
      if (!state.chats.some((chat) => chat.id === chatId)) return state;
      return { chats: state.chats.filter((chat) => chat.id !== chatId), removedChatId: chatId };
    }),
  chatLeft: (chatId) => set((state) => ({ chats: state.chats.filter((chat) => chat.id !== chatId) })),

  messageReceived: (message, currentUserId) => {
    if (!get().chats.some((chat) => chat.id === message.chatId)) return false;
    set((state) => ({
      chats: sortByActivity(
        state.chats.map((chat) =>
          chat.id === message.chatId ? withCounts(withMessage(chat, message), chat, message, currentUserId) : chat,
        ),
      ),
    }));
    return true;
  },
  receiptReceived: (kind, receipt, currentUserId) =>
    set((state) => ({
      chats: state.chats.map((chat) =>
        chat.id === receipt.chatId ? withReceipt(chat, kind, receipt, currentUserId) : chat,
      ),
    })),
  receiptsChanged: (changes, currentUserId) =>
    set((state) => ({
      chats: state.chats.map((chat) =>
        changes.reduce(
          (current, change) =>
            change.chatId === chat.id ? withChangedReceipt(current, change, currentUserId) : current,
          chat,
        ),
      ),
    })),
  reset: () => set(initialState),
}));

export const selectChat = (chatId: string) => (state: ChatsState) => state.chats.find((chat) => chat.id === chatId);

/**
 * What the tab title counts: muted chats keep their own badge but do not call for attention, except for the
 * mentions of us in them.
 */
export const selectUnreadTotal = (state: ChatsState) =>
  state.chats.reduce((total, chat) => total + (chat.muted ? chat.mentionCount : chat.unreadCount), 0);
