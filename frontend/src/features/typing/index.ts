export { notifyTyping, notifyTypingStopped, resetTypingNotifier } from './typingNotifier';
export { TypingIndicator } from './TypingIndicator';
export { useTypingStore } from './typingStore';
