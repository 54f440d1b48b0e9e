import type { Summary } from './metrics';

/** The project's performance targets (README): what a run is judged by. */
export const TARGETS = { connections: 1000, rate: 50, averageMs: 100, p95Ms: 300, p99Ms: 500, deliveredPercent: 99.9 };

export interface Check {
  name: string;
  value: string;
  target: string;
  ok: boolean;
}

export interface Outcome {
  users: number;
  connected: number;
  rate: number;
  /** Messages actually sent per second of the sending phase. */
  achievedRate: number;
  delivery: Summary;
  expected: number;
  delivered: number;
}

export const deliveredPercent = (outcome: Pick<Outcome, 'expected' | 'delivered'>) =>
  outcome.expected ? (outcome.delivered / outcome.expected) * 100 : 0;

/**
 * Judges a run. Connections and rate are judged against what was asked for (the full targets are 1,000 and
 * 50 msg/s: run with --users 1000 --rate 50 to check them); latency and delivery against the fixed targets.
 */
export function judge(outcome: Outcome): Check[] {
  const { delivery } = outcome;
  const delivered = deliveredPercent(outcome);
  return [
    {
      name: 'connections',
      value: `${outcome.connected}/${outcome.users}`,
      target: `all (${TARGETS.connections} at full scale)`,
      ok: outcome.connected === outcome.users,
    },
    {
      name: 'sustained rate',
      value: `${outcome.achievedRate.toFixed(1)} msg/s`,
      target: `≥ 99 % of ${outcome.rate} (${TARGETS.rate} at full scale)`,
      ok: outcome.achievedRate >= outcome.rate * 0.99,
    },
    {
      name: 'average delivery',
      value: `${delivery.mean} ms`,
      target: `< ${TARGETS.averageMs} ms`,
      ok: delivery.count > 0 && delivery.mean < TARGETS.averageMs,
    },
    {
      name: 'p95 delivery',
      value: `${delivery.p95} ms`,
      target: `< ${TARGETS.p95Ms} ms`,
      ok: delivery.count > 0 && delivery.p95 < TARGETS.p95Ms,
    },
    {
      name: 'p99 delivery',
      value: `${delivery.p99} ms`,
      target: `< ${TARGETS.p99Ms} ms`,
      ok: delivery.count > 0 && delivery.p99 < TARGETS.p99Ms,
    },
    {
      name: 'delivered',
      value: `${delivered.toFixed(2)} %`,
      target: `≥ ${TARGETS.deliveredPercent} %`,
      ok: delivered >= TARGETS.deliveredPercent,
    },
  ];
}
