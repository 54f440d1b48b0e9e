import { create } from 'zustand';
import type { User } from '@messenger/contract';

export type Presence = Pick<User, 'online' | 'lastSeenAt'>;

interface PresenceState {
  /** Keyed by user id, from presence events; whoever is missing shows what the REST copy of the user says. */
  byUserId: Record<string, Presence>;
  presenceChanged: (userId: string, presence: Presence) => void;
  reset: () => void;
}

export const usePresenceStore = create<PresenceState>()((set) => ({
  byUserId: {},
  presenceChanged: (userId, presence) => set((state) => ({ byUserId: { ...state.byUserId, [userId]: presence } })),
  reset: () => set({ byUserId: {} }),
}));
