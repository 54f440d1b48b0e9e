import { useChatsStore } from '../features/chats';
import { useContactsStore } from '../features/contacts';
import { useMessagesStore } from '../features/messages';

/** Forgets everything loaded for the user who signed out, so the next user starts clean. */
export function resetSignedInState(): void {
  useChatsStore.getState().reset();
  useMessagesStore.getState().reset();
  useContactsStore.getState().reset();
}
