import { useEffect, useState } from 'react';
import { getErrorMessage, hasStatus } from '../../shared/api/errors';
import { ensureChat } from '../chats';
import { loadLatestMessages, loadMessagesAround } from './messageActions';

/** The server answers alike for a chat that does not exist and one we may not see. */
const isUnavailable = (error: unknown) => hasStatus(error, 404) || hasStatus(error, 403);

/**
 * Loads the chat and its history: the newest messages, or those around a linked message. A link to a message
 * that is gone still opens its chat, at the newest messages.
 */
export function useChatHistory(chatId: string, linkedMessageId: string | undefined) {
  const [loadError, setLoadError] = useState<string | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [goneMessageId, setGoneMessageId] = useState<string | null>(null);

  useEffect(() => {
    const fail = (error: unknown) => {
      if (isUnavailable(error)) setUnavailable(true);
      else setLoadError(getErrorMessage(error));
    };
    ensureChat(chatId).catch(fail);
    const history = linkedMessageId
      ? loadMessagesAround(chatId, linkedMessageId).catch(async (error: unknown) => {
          if (!hasStatus(error, 404)) throw error;
          await loadLatestMessages(chatId);
          setGoneMessageId(linkedMessageId);
        })
      : loadLatestMessages(chatId);
    history.catch(fail);
  }, [chatId, linkedMessageId]);

  return {
    loadError,
    setLoadError,
    unavailable,
    /** The linked message does not exist (any more). */
    messageGone: goneMessageId !== null && goneMessageId === linkedMessageId,
  };
}
