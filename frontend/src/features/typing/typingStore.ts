import { create } from 'zustand';

/** A `typing:start` holds for this long unless renewed; the server's own auto-stop (5 s) may be lost in transit. */
export const TYPING_EXPIRES_MS = 6_000;

interface TypingState {
  /** chatId → ids of the people typing there, in the order they started. */
  typistsByChat: Record<string, string[]>;
  typingStarted: (chatId: string, userId: string) => void;
  typingStopped: (chatId: string, userId: string) => void;
  reset: () => void;
}

const expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
const timerKey = (chatId: string, userId: string) => `${chatId} ${userId}`;

function clearExpiry(chatId: string, userId: string): void {
  clearTimeout(expiryTimers.get(timerKey(chatId, userId)));
  expiryTimers.delete(timerKey(chatId, userId));
}

export const useTypingStore = create<TypingState>()((set, get) => ({
  typistsByChat: {},
  typingStarted: (chatId, userId) => {
    clearExpiry(chatId, userId);
    expiryTimers.set(
      timerKey(chatId, userId),
      setTimeout(() => get().typingStopped(chatId, userId), TYPING_EXPIRES_MS),
    );
    set((state) => {
      const typists = state.typistsByChat[chatId] ?? [];
      if (typists.includes(userId)) return state;
      return { typistsByChat: { ...state.typistsByChat, [chatId]: [...typists, userId] } };
    });
  },
  typingStopped: (chatId, userId) => {
    clearExpiry(chatId, userId);
    set((state) => {
      const typists = state.typistsByChat[chatId] ?? [];
      if (!typists.includes(userId)) return state;
      return { typistsByChat: { ...state.typistsByChat, [chatId]: typists.filter((id) => id !== userId) } };
    });
  },
  reset: () => {
    for (const timer of expiryTimers.values()) clearTimeout(timer);
    expiryTimers.clear();
    set({ typistsByChat: {} });
  },
}));

const noTypists: string[] = [];
export const selectTypists = (chatId: string) => (state: TypingState) => state.typistsByChat[chatId] ?? noTypists;
