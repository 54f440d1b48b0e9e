export { ChatList } from './ChatList';
export { ensureChat, loadChats, openDirectChat, receiveMembersChange, recordChatMessage } from './chatActions';
export { chatTitle, directPartner } from './chatTitle';
export { selectChat, selectUnreadTotal, useChatsStore } from './chatsStore';
export { GroupInfoPanel } from './GroupInfoPanel';
export { groupErrorMessage, joinGroup } from './groupActions';
export { NewGroupDialog } from './NewGroupDialog';
export { deliveryState, readers, type DeliveryState, type Receipt, type ReceiptKind } from './receipts';
