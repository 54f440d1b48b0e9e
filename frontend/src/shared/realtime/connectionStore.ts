import { create } from 'zustand';

/**
 * The state of the realtime connection, for the connection banner. `connecting` covers both the first
 * connection and Socket.IO's automatic reconnection after a drop.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected';

interface ConnectionState {
  status: ConnectionStatus;
  /** Whether this socket has been connected at least once: a later connect is a "back online". */
  hasConnected: boolean;
  statusChanged: (status: ConnectionStatus) => void;
  reset: () => void;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  status: 'idle',
  hasConnected: false,
  statusChanged: (status) => set((state) => ({ status, hasConnected: state.hasConnected || status === 'connected' })),
  reset: () => set({ status: 'idle', hasConnected: false }),
}));
