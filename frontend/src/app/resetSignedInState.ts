import { clearAuthenticatedImages } from '../shared/api/useAuthenticatedImage';
import { useToastStore } from '../shared/ui/toastStore';
import { useChatsStore } from '../features/chats';
import { useContactsStore } from '../features/contacts';
import { resetReceiptReporting, useMessagesStore } from '../features/messages';
import { usePinsStore } from '../features/pins';
import { usePresenceStore } from '../features/presence';
import { resetTypingNotifier, useTypingStore } from '../features/typing';

/** Forgets everything loaded for the user who signed out, so the next user starts clean. */
export function resetSignedInState(): void {
  useChatsStore.getState().reset();
  useMessagesStore.getState().reset();
  usePinsStore.getState().reset();
  useContactsStore.getState().reset();
  usePresenceStore.getState().reset();
  useTypingStore.getState().reset();
  resetTypingNotifier();
  resetReceiptReporting();
  clearAuthenticatedImages();
  useToastStore.getState().reset();
}
