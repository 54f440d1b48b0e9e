import { useEffect, useState } from 'react';
import { getErrorMessage } from '../../shared/api/errors';
import { loadPins } from './pinActions';
import { selectPins, usePinsStore } from './pinsStore';

/** The chat's pinned messages (undefined until fetched), fetched on first use; `retry` after an error. */
export function useChatPins(chatId: string) {
  const pinned = usePinsStore(selectPins(chatId));
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loaded = pinned !== undefined;
  useEffect(() => {
    if (!loaded) loadPins(chatId).catch((caught: unknown) => setError(getErrorMessage(caught)));
  }, [chatId, loaded, attempt]);
  const retry = () => {
    setError(null);
    setAttempt((count) => count + 1);
  };
  return { pinned, error, retry };
}
