export { forgetChatPins, receivePinnedMessage, reloadPins } from './pinActions';
export { pinMessage, unpinMessage } from './pinsApi';
export { PinnedMessagesButton } from './PinnedMessagesButton';
export { PinnedMessagesPanel } from './PinnedMessagesPanel';
export { usePinsStore } from './pinsStore';
