import type { Summary } from '../metrics';
import type { RunResult } from './result';
import { serverLines } from './server';

const row = (cells: (string | number)[], widths: number[]) =>
  cells
    .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0)))
    .join('  ');

/** The final table: percentiles of connect / ack / delivery, counts, errors, and each target ✓ or ✗. */
export function printResult(result: RunResult): void {
  const { results: r, config } = result;
  const widths = [16, 8, 9, 9, 9, 9, 9, 9];
  const line = (name: string, s: Summary) =>
    row([name, s.count, ...[s.mean, s.p50, s.p95, s.p99, s.p999, s.max].map((v) => v.toFixed(1))], widths);
  const setup = result.setup;
  console.log(
    `\nset-up ${setup.seconds.toFixed(1)} s: ${setup.reused ? 'world reused' : 'world built'}` +
      `${setup.rebuildReason ? ` (${setup.rebuildReason})` : ''}; registered ${setup.registered}, ` +
      `logged in ${setup.loggedIn}, refreshed ${setup.refreshed}, chats created ${setup.chatsCreated}`,
  );
  console.log(
    `world: ${result.world.users} users, ${result.world.directChats} direct chats, ${result.world.groups} groups` +
      `${result.world.groups ? ` (${Math.min(...result.world.groupSizes)}–${Math.max(...result.world.groupSizes)} members)` : ''}`,
  );
  console.log(`\n${row(['latency (ms)', 'count', 'mean', 'p50', 'p95', 'p99', 'p99.9', 'max'], widths)}`);
  console.log(line('connect', r.connect));
  console.log(line('send → ack', r.ack));
  console.log(line('delivery', r.delivery));
  console.log(line('schedule lag', r.scheduleLag));
  const c = r.counts;
  console.log(
    `\nmessages sent ${c.sent} (${r.achievedRate} msg/s of ${config.rate}), acknowledged ${c.acked}, ` +
      `deliveries expected ${c.expected}, delivered ${c.delivered} (${r.deliveredPercent} %), ` +
      `duplicates ${c.duplicates}, out of order ${c.outOfOrder}`,
  );
  const errors = Object.entries(r.errors);
  console.log(`errors: ${errors.length ? errors.map(([kind, n]) => `${kind} ×${n}`).join(', ') : 'none'}`);
  console.log(
    `load generator: ${r.generator.map((g) => `CPU ${g.cpuPercent} % of a core, event-loop p99 ${g.eventLoopP99Ms} ms`).join('; ')}`,
  );
  for (const warning of result.warnings)
    console.log(`⚠ ${warning}: the results may measure the generator, not the server`);
  if (result.serverMetrics) serverLines(result.serverMetrics).forEach((line) => console.log(line));
  console.log('');
  for (const check of result.checks) {
    console.log(
      `${check.ok ? '✓' : '✗'} ${check.name.padEnd(18)} ${check.value.padStart(14)}  (target ${check.target})`,
    );
  }
  console.log(result.passed ? '\nPASS: every target met' : '\nFAIL: a target was missed');
}
