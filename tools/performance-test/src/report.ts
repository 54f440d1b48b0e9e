import type { LoadConfig } from './config';
import type { LoadResult } from './load';

/** The seed README's performance targets. */
const TARGETS = { averageMs: 100, p95Ms: 300, p99Ms: 500, deliveredPercent: 99.9 };

/** Prints the results; true when every target is met. */
export function printReport(config: LoadConfig, result: LoadResult): boolean {
  const ms = (micros: number) => Number((micros / 1000).toFixed(1));
  const d = result.delivery;
  const delivered = result.sent ? (result.delivered / result.sent) * 100 : 0;
  const checks = [
    ['average delivery', `${ms(d.mean)} ms`, ms(d.mean) < TARGETS.averageMs, `< ${TARGETS.averageMs} ms`],
    [
      'p95 delivery',
      `${ms(d.getValueAtPercentile(95))} ms`,
      ms(d.getValueAtPercentile(95)) < TARGETS.p95Ms,
      `< ${TARGETS.p95Ms} ms`,
    ],
    [
      'p99 delivery',
      `${ms(d.getValueAtPercentile(99))} ms`,
      ms(d.getValueAtPercentile(99)) < TARGETS.p99Ms,
      `< ${TARGETS.p99Ms} ms`,
    ],
    [
      'delivered',
      `${delivered.toFixed(2)} %`,
      delivered >= TARGETS.deliveredPercent,
      `≥ ${TARGETS.deliveredPercent} %`,
    ],
  ] as const;
  console.log(`\n${config.users} users connected: ${result.connected}`);
  console.log(
    `messages sent ${result.sent}, acknowledged ${result.acknowledged}, delivered ${result.delivered}, failed ${result.failed}`,
  );
  console.log(
    `delivery latency p50 ${ms(d.getValueAtPercentile(50))} ms, max ${ms(d.maxValue)} ms; ` +
      `acknowledgement p50 ${ms(result.acknowledgement.getValueAtPercentile(50))} ms, p99 ${ms(result.acknowledgement.getValueAtPercentile(99))} ms`,
  );
  for (const [name, value, ok, target] of checks)
    console.log(`${ok ? '✓' : '✗'} ${name.padEnd(18)} ${value.padStart(10)}  (target ${target})`);
  return checks.every(([, , ok]) => ok);
}
