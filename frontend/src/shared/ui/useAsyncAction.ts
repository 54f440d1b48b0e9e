import { useState } from 'react';
import { explainError, type ErrorExplanations } from '../api/errors';

/**
 * Runs a user-triggered async action, keeping whether it is running and why it last failed: the caller's
 * explanation of an expected error code, or else the server's message. `run` never rejects, so it can be handed
 * straight to an event handler.
 */
export function useAsyncAction(explanations?: ErrorExplanations) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function run(action: () => Promise<void>): void {
    setPending(true);
    setError(null);
    action()
      .catch((caught: unknown) => setError(explainError(caught, explanations)))
      .finally(() => setPending(false));
  }

  return { run, pending, error };
}
