import { getAccessToken, refreshAccessToken, useSessionStore } from '../../features/auth';
import { loadChats, useChatsStore } from '../../features/chats';
import { receiveContactRequest, useContactsStore } from '../../features/contacts';
import { forgetChat, receiveMessage, receiveReactions, reloadOpenedTimelines } from '../../features/messages';
import { realtimeUrl } from '../api/config';
import { ServerEvent, type ServerToClientEvents } from './events';
import { connectRealtime, disconnectRealtime } from './socket';

const contacts = () => useContactsStore.getState();

/**
 * The one place where server events become store updates. To handle a new event, add its
 * name and payload to events.ts and its entry here; components never listen to the socket.
 */
const serverEventHandlers: ServerToClientEvents = {
  [ServerEvent.MessageNew]: ({ message }) => receiveMessage(message),
  [ServerEvent.MessageEdited]: ({ message }) => receiveMessage(message),
  [ServerEvent.MessageDeleted]: ({ message }) => receiveMessage(message),
  [ServerEvent.ReactionUpdated]: ({ chatId, messageId, reactions }) => receiveReactions(chatId, messageId, reactions),
  [ServerEvent.ChatCreated]: ({ chat }) => useChatsStore.getState().chatReceived(chat),
  [ServerEvent.ChatUpdated]: ({ chat }) => useChatsStore.getState().chatReceived(chat),
  // An open view of the chat sees it gone and closes with a notice.
  [ServerEvent.ChatRemoved]: ({ chatId }) => {
    useChatsStore.getState().chatRemoved(chatId);
    forgetChat(chatId);
  },
  [ServerEvent.PresenceOnline]: ({ userId }) => contacts().presenceChanged(userId, { online: true }),
  [ServerEvent.PresenceOffline]: ({ userId, lastSeenAt }) =>
    contacts().presenceChanged(userId, { online: false, lastSeenAt }),
  [ServerEvent.ContactRequest]: ({ request }) => {
    const currentUserId = useSessionStore.getState().user?.id;
    if (currentUserId) receiveContactRequest(request, currentUserId);
  },
  [ServerEvent.ContactRequestRemoved]: ({ requestId }) => contacts().requestRemoved(requestId),
  [ServerEvent.ContactAccepted]: ({ contact }) => contacts().contactAdded(contact),
  [ServerEvent.ContactRemoved]: ({ userId }) => contacts().contactRemoved(userId),
};

/** While offline we may have missed events: fetch the chat list and the opened chats again. */
function catchUp(): void {
  loadChats().catch(() => undefined);
  void reloadOpenedTimelines();
}

export function startRealtime(): void {
  connectRealtime({
    url: realtimeUrl,
    getAccessToken,
    refreshAccessToken,
    handlers: serverEventHandlers,
    onReconnect: catchUp,
  });
}

export const stopRealtime = disconnectRealtime;
