export { ChatView } from './ChatView';
export { forgetChat, receiveMessage, receiveReactions, reloadOpenedTimelines } from './messageActions';
export { useMessagesStore } from './messagesStore';
export { sendMessage } from './sendMessage';
