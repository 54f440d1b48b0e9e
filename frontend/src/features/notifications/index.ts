export { notifyMention, notifyNewMessage } from './desktopNotifications';
export { NotificationPrompt } from './NotificationPrompt';
export { useNotificationNavigation, useUnreadTitle } from './useNotificationSetup';
