export { ChatView } from './ChatView';
export {
  catchUpWithChatList,
  forgetChat,
  preloadTimelines,
  receiveMessageChange,
  receiveMessageUpdate,
  receiveNewMessage,
  receiveReactions,
  reloadOpenedTimelines,
} from './messageActions';
export { findHeldMessage, useMessagesStore } from './messagesStore';
export { flushReceipts, resetReceiptReporting } from './readReceipts';
export { flushOutbox, restoreOutbox, sendMessage } from './sendMessage';
