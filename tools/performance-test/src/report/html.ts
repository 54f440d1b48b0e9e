import type { RunResult } from './result';
import { serverHtml } from './server';
import { escape, svgChart } from './svg';

/** The self-contained HTML report: summary, targets, latency and throughput over time. No scripts, no CDN. */
export function renderHtml(result: RunResult): string {
  const r = result.results;
  const rows = (['connect', 'ack', 'delivery', 'scheduleLag'] as const).map((name) => {
    const s = r[name];
    return `<tr><th>${name}</th>${[s.count, ...[s.mean, s.p50, s.p95, s.p99, s.p999, s.max].map((v) => v.toFixed(1))].map((v) => `<td>${v}</td>`).join('')}</tr>`;
  });
  const checks = result.checks.map(
    (c) =>
      `<tr class="${c.ok ? 'ok' : 'miss'}"><td>${c.ok ? '✓' : '✗'}</td><td>${escape(c.name)}</td><td>${escape(c.value)}</td><td>${escape(c.target)}</td></tr>`,
  );
  const series = result.series;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>1000-Messenger load test ${escape(result.startedAt)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}.ok{background:#e6f6e6}.miss{background:#fbe3e3}
figcaption{font-weight:bold}</style></head><body>
<h1>Load test: ${result.passed ? 'PASS' : 'FAIL'}</h1>
<p>${escape(result.config.target)} · ${result.config.users} users · ${result.config.rate} msg/s · ${result.config.duration} s ·
started ${escape(result.startedAt)} · ${result.machine.cpus} × ${escape(result.machine.cpuModel)}, ${result.machine.totalMemoryMb} MB</p>
<table><tr><th></th><th>target</th><th>value</th><th>wanted</th></tr>${checks.join('')}</table>
<table><tr><th>ms</th><th>count</th><th>mean</th><th>p50</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>${rows.join('')}</table>
<p>sent ${r.counts.sent}, acknowledged ${r.counts.acked}, expected deliveries ${r.counts.expected}, delivered ${r.counts.delivered}
(${r.deliveredPercent} %), duplicates ${r.counts.duplicates}, out of order ${r.counts.outOfOrder};
errors: ${escape(JSON.stringify(r.errors))}</p>
${result.warnings.map((w) => `<p class="miss">⚠ ${escape(w)}</p>`).join('')}
${svgChart('Delivery latency per second (by intended send time)', 'ms', [
  { label: 'p50', color: '#2b6cb0', points: series.map((s) => s.p50) },
  { label: 'p99', color: '#c53030', points: series.map((s) => s.p99) },
])}
${svgChart('Messages per second', 'msg/s', [
  { label: 'sent', color: '#2f855a', points: series.map((s) => s.sent) },
  { label: 'acknowledged', color: '#6b46c1', points: series.map((s) => s.acked) },
])}
${svgChart('Deliveries per second (every recipient)', 'deliveries/s', [
  { label: 'delivered', color: '#b7791f', points: series.map((s) => s.delivered) },
])}
${result.serverMetrics ? serverHtml(result.serverMetrics) : ''}
</body></html>
`;
}
