import type { Logger } from './logger';
import type { Metrics } from './metrics';

/** What goes on without Redis, and how: the label of `messenger_redis_degraded_total` and the warning's words. */
const CONSEQUENCES = {
  revocation: 'access tokens of sessions signed out elsewhere are accepted until they expire',
  rate_limit: 'rate limits count in this instance only',
  replay_log: 'events go out without a cursor and cannot be replayed',
  fanout: 'live events reach only sockets on this instance',
  presence: 'presence changes are not counted or shared',
} as const;

export type DegradedCheck = keyof typeof CONSEQUENCES;

/**
 * Counts every operation that went on without Redis, and warns once per check and quiet period (with how many were
 * not logged since), so that an outage shows on the dashboard and in the log without flooding it.
 */
export class RedisDegradation {
  private readonly lastWarning = new Map<DegradedCheck, { at: number; unlogged: number }>();

  constructor(
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly quietMs = 60_000,
  ) {}

  report(check: DegradedCheck, error: unknown): void {
    this.metrics.redisDegraded.inc({ check });
    const now = Date.now();
    const last = this.lastWarning.get(check);
    if (last && now - last.at < this.quietMs) {
      last.unlogged += 1;
      return;
    }
    this.lastWarning.set(check, { at: now, unlogged: 0 });
    this.logger.warn(
      { err: error, check, unloggedSinceLastWarning: last?.unlogged ?? 0 },
      `redis unavailable: ${CONSEQUENCES[check]}`,
    );
  }
}
