export { ChatList } from './ChatList';
export { ensureChat, loadChats, openDirectChat, recordChatMessage } from './chatActions';
export { chatTitle } from './chatTitle';
export { selectChat, useChatsStore } from './chatsStore';
