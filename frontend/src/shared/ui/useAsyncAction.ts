import { useState } from 'react';
import { getErrorMessage } from '../api/errors';

/**
 * Runs a user-triggered async action, keeping whether it is running and why it last failed.
 * `run` never rejects, so it can be handed straight to an event handler.
 */
export function useAsyncAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function run(action: () => Promise<void>): void {
    setPending(true);
    setError(null);
    action()
      .catch((caught: unknown) => setError(getErrorMessage(caught)))
      .finally(() => setPending(false));
  }

  return { run, pending, error };
}
