import type { InstanceReport, ServerReport } from '../server-metrics/summary';
import type { Trend } from '../server-metrics/trend';
import { escape, svgChart, type Line } from './svg';

const ROWS = [
  ['RSS (MB)', 'rssMb'],
  ['heap used (MB)', 'heapUsedMb'],
  ['event-loop lag p99 (ms)', 'lagP99Ms'],
  ['socket connections', 'sockets'],
] as const;

const window = (t: Trend) => `seconds ${t.fromSecond}–${t.toSecond} of sending, ${t.samples} samples`;
const cell = (value: number | undefined) => (value === undefined ? '–' : String(value));

/** --server-metrics for the console: per instance a first / last / max / mean table and the two trends. */
export function serverLines(report: ServerReport): string[] {
  const lines = report.instances.flatMap((instance) => [
    `\nserver ${instance.url}: ${instance.samples.length} samples (${instance.errors} of ${instance.scrapes} scrapes failed)`,
    `  ${''.padEnd(24)}${['first', 'last', 'max', 'mean'].map((h) => h.padStart(10)).join('')}`,
    ...ROWS.map(([label, key]) => {
      const s = instance.summary[key];
      return `  ${label.padEnd(24)}${[s?.first, s?.last, s?.max, s?.mean].map((v) => cell(v).padStart(10)).join('')}`;
    }),
    `  RSS trend:  ${instance.trend.rssMb.verdict} [${window(instance.trend.rssMb)}]`,
    `  heap trend: ${instance.trend.heapUsedMb.verdict} [${window(instance.trend.heapUsedMb)}]`,
  ]);
  return [
    ...lines,
    `server memory: ${report.verdict} (growth = a slope of ≥ ${report.thresholdPercentPer10Min} % of the mean per 10 min)`,
    ...report.warnings.map((warning) => `⚠ ${warning}`),
  ];
}

const SHORT = { rssMb: 'RSS', heapUsedMb: 'heap', lagP99Ms: 'lag p99', sockets: 'sockets' } as const;
const COLORS = ['#2b6cb0', '#c53030', '#2f855a', '#6b46c1', '#b7791f', '#319795'];

function chartOf(instances: InstanceReport[], keys: (typeof ROWS)[number][1][], title: string, unit: string) {
  const lines: Line[] = instances.flatMap((instance, i) =>
    keys.map((key, k) => ({
      label: `${SHORT[key]}${instances.length > 1 ? ` #${i + 1}` : ''}`,
      color: COLORS[(i * keys.length + k) % COLORS.length] ?? '#000',
      points: instance.samples.map((sample) => sample[key]),
    })),
  );
  const longest = instances.reduce((a, b) => (b.samples.length > a.samples.length ? b : a));
  const [first, last] = [longest.samples[0]?.t ?? 0, longest.samples.at(-1)?.t ?? 0];
  return svgChart(title, unit, lines, `${first} s … ${last} s of sending`);
}

/** --server-metrics for the HTML report: the verdict, a table per instance, and memory, lag and sockets over time. */
export function serverHtml(report: ServerReport): string {
  const tables = report.instances.map((instance, i) => {
    const rows = ROWS.map(([label, key]) => {
      const s = instance.summary[key];
      return `<tr><th>${label}</th>${[s?.first, s?.last, s?.max, s?.mean].map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`;
    });
    const trends = (['rssMb', 'heapUsedMb'] as const).map((key) => {
      const t = instance.trend[key];
      return `<li class="${t.growth ? 'miss' : t.growth === false ? 'ok' : ''}">${key === 'rssMb' ? 'RSS' : 'heap'}: ${escape(t.verdict)} (${window(t)})</li>`;
    });
    return `<h3>#${i + 1} ${escape(instance.url)}: ${instance.samples.length} samples, ${instance.errors} failed scrapes</h3>
<table><tr><th></th><th>first</th><th>last</th><th>max</th><th>mean</th></tr>${rows.join('')}</table>
<ul>${trends.join('')}</ul>`;
  });
  const instances = report.instances.filter((instance) => instance.samples.length > 0);
  const charts = instances.length
    ? [
        chartOf(instances, ['rssMb', 'heapUsedMb'], 'Server memory: resident (RSS) and heap used', 'MB'),
        chartOf(instances, ['lagP99Ms'], 'Server event-loop lag p99 (since the previous scrape)', 'ms'),
        chartOf(instances, ['sockets'], 'Server socket connections', 'sockets'),
      ]
    : [];
  return `<h2>Server metrics: ${escape(report.verdict)}</h2>
<p>Scraped from each instance's /metrics during the run. Growth = a least-squares slope of RSS or heap over the
second half of sending of at least ${report.thresholdPercentPer10Min} % of the mean per 10 minutes.</p>
${report.warnings.map((w) => `<p class="miss">⚠ ${escape(w)}</p>`).join('')}
${tables.join('\n')}
${charts.join('\n')}`;
}
