export { ChatView } from './ChatView';
export { receiveMessage, reloadOpenedTimelines } from './messageActions';
export { useMessagesStore } from './messagesStore';
export { sendMessage } from './sendMessage';
