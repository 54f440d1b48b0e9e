import type { InstanceSamples, ServerSample } from './sampler';
import { firstLastMax, GROWTH_THRESHOLD_PERCENT, trend, type Point } from './trend';

type Figure = Exclude<keyof ServerSample, 'atMs'>;
const FIGURES: Figure[] = ['rssMb', 'heapUsedMb', 'lagP99Ms', 'sockets'];

/**
 * One instance's part of the report: its samples on the run's clock (t in seconds from the start of sending;
 * negative while the sockets connected), first / last / max / mean of each figure, and the growth trend of RSS
 * and heap over the second half of sending.
 */
export function instanceReport(instance: InstanceSamples, sendStartMs: number, durationSeconds: number) {
  const samples = instance.samples.map(({ atMs, ...figures }) => ({
    t: Math.round((atMs - sendStartMs) / 100) / 10,
    ...figures,
  }));
  const points = (figure: Figure): Point[] =>
    samples.flatMap((sample) => (sample[figure] === null ? [] : [{ t: sample.t, value: sample[figure] }]));
  const summary = Object.fromEntries(FIGURES.map((figure) => [figure, firstLastMax(points(figure))])) as Record<
    Figure,
    ReturnType<typeof firstLastMax>
  >;
  const trends = {
    rssMb: trend(points('rssMb'), durationSeconds, 'MB'),
    heapUsedMb: trend(points('heapUsedMb'), durationSeconds, 'MB'),
  };
  const judged = [trends.rssMb, trends.heapUsedMb];
  const verdict = judged.some((t) => t.growth)
    ? 'growth trend'
    : judged.every((t) => t.growth === false)
      ? 'no growth trend'
      : 'not judged';
  return {
    url: instance.url,
    scrapes: instance.scrapes,
    errors: instance.errors,
    ...(instance.lastError ? { lastError: instance.lastError } : {}),
    summary,
    trend: trends,
    verdict,
    samples,
  };
}

export type InstanceReport = ReturnType<typeof instanceReport>;

/** The `serverMetrics` part of the JSON report: every instance, the overall verdict, and what went wrong. */
export function serverReport(instances: InstanceSamples[], sendStartMs: number, durationSeconds: number) {
  const reports = instances.map((instance) => instanceReport(instance, sendStartMs, durationSeconds));
  const warnings = reports.flatMap((report) => [
    ...(report.errors
      ? [
          `server metrics: ${report.errors} of ${report.scrapes} scrapes of ${report.url}/metrics failed (${report.lastError})`,
        ]
      : []),
    ...(report.verdict === 'growth trend'
      ? [
          `server ${report.url}: memory grew in the second half of sending (RSS ${report.trend.rssMb.verdict}; heap ${report.trend.heapUsedMb.verdict})`,
        ]
      : []),
  ]);
  return {
    thresholdPercentPer10Min: GROWTH_THRESHOLD_PERCENT,
    verdict: reports.some((r) => r.verdict === 'growth trend')
      ? 'growth trend'
      : reports.length && reports.every((r) => r.verdict === 'no growth trend')
        ? 'no growth trend'
        : 'not judged',
    warnings,
    instances: reports,
  };
}

export type ServerReport = ReturnType<typeof serverReport>;
