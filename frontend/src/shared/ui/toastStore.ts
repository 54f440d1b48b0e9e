import { create } from 'zustand';
import { getErrorMessage } from '../api/errors';

export type ToastTone = 'info' | 'error';

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

interface ToastState {
  toasts: Toast[];
  show: (message: string, tone?: ToastTone) => void;
  dismiss: (id: number) => void;
  reset: () => void;
}

/** More at once would cover the conversation; the oldest goes first. */
const MAX_TOASTS = 3;
let lastId = 0;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  show: (message, tone = 'info') =>
    set((state) => ({ toasts: [...state.toasts, { id: ++lastId, message, tone }].slice(-MAX_TOASTS) })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
  reset: () => set({ toasts: [] }),
}));

/** Transient feedback that belongs to no place on the page: "Link copied", a background action that failed. */
export function showToast(message: string, tone?: ToastTone): void {
  useToastStore.getState().show(message, tone);
}

/** Runs an action nobody waits on (a reaction, muting a chat); if it fails, a toast says why. */
export function runInBackground(action: () => Promise<void>): void {
  action().catch((caught: unknown) => showToast(getErrorMessage(caught), 'error'));
}
