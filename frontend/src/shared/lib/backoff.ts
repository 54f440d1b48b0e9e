export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 30_000 };

/**
 * The pause before retry number `attempt` (0 for the first): doubling from `baseMs` up to `capMs`, half of it
 * random, so that the clients an outage failed together do not all come back in the same second.
 */
export function backoffDelayMs(attempt: number, options = DEFAULT_BACKOFF, random = Math.random): number {
  const step = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return step / 2 + (random() * step) / 2;
}
