/**
 * A slope below this share of the mean per 10 minutes counts as "no growth trend". Why 2 %: the GC sawtooth of
 * the heap (tens of MB) averages out over a regression of ~90 samples, and what remains below 2 % per 10 min is
 * caches and pools settling. A leak of per-message or per-connection state at the seed profile (30,000 messages
 * per 10 min at 50 msg/s) shows far above: even 100 bytes kept per message is ~3 MB per 10 min, 2–4 % of a
 * 100–150 MB heap. At 2 % per 10 min memory would double in about 8 hours.
 */
export const GROWTH_THRESHOLD_PERCENT = 2;

/** A shorter window is not judged (its slope is still given): minutes of GC sawtooth would read as a trend. */
export const MIN_TREND_WINDOW_SECONDS = 300;

export interface Point {
  /** Seconds since the start of sending. */
  t: number;
  value: number;
}

export interface FirstLastMax {
  first: number;
  last: number;
  max: number;
  mean: number;
}

export interface Trend {
  /** Samples in the fitted window (the second half of sending). */
  samples: number;
  fromSecond: number;
  toSecond: number;
  /** Least-squares slope, in the metric's unit per 10 minutes; null with fewer than 3 samples. */
  slopePer10Min: number | null;
  /** The slope as a share of the window's mean, in %. */
  percentOfMeanPer10Min: number | null;
  growth: boolean | null;
  verdict: string;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function firstLastMax(points: Point[]): FirstLastMax | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const values = points.map((point) => point.value);
  return {
    first: round(first.value),
    last: round(last.value),
    max: round(Math.max(...values)),
    mean: round(values.reduce((sum, value) => sum + value, 0) / values.length),
  };
}

/** Ordinary least squares: slope of value over t (per second), or null when it is undefined. */
export function slope(points: Point[]): number | null {
  if (points.length < 2) return null;
  const meanT = points.reduce((sum, p) => sum + p.t, 0) / points.length;
  const meanV = points.reduce((sum, p) => sum + p.value, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.t - meanT) * (p.value - meanV);
    variance += (p.t - meanT) ** 2;
  }
  return variance > 0 ? covariance / variance : null;
}

/**
 * The growth trend over the second half of sending (the first half is warm-up: connections, caches, JIT and the
 * heap finding its size): slope per 10 minutes, as a value and as a share of the mean, and the verdict.
 */
export function trend(points: Point[], durationSeconds: number, unit: string): Trend {
  const [fromSecond, toSecond] = [durationSeconds / 2, durationSeconds];
  const window = points.filter((point) => point.t >= fromSecond && point.t <= toSecond);
  const perSecond = window.length >= 3 ? slope(window) : null;
  const mean = window.reduce((sum, p) => sum + p.value, 0) / Math.max(1, window.length);
  const base = { samples: window.length, fromSecond, toSecond };
  if (perSecond === null || mean <= 0) {
    const verdict = `not judged (${window.length} samples in the second half of sending; 3 needed)`;
    return { ...base, slopePer10Min: null, percentOfMeanPer10Min: null, growth: null, verdict };
  }
  const per10Min = perSecond * 600;
  const percent = (per10Min / mean) * 100;
  const figure = `${per10Min >= 0 ? '+' : ''}${round(per10Min)} ${unit} per 10 min (${round(percent)} % of the mean)`;
  const judged = toSecond - fromSecond >= MIN_TREND_WINDOW_SECONDS;
  const growth = judged ? percent >= GROWTH_THRESHOLD_PERCENT : null;
  return {
    ...base,
    slopePer10Min: round(per10Min, 3),
    percentOfMeanPer10Min: round(percent, 3),
    growth,
    verdict: judged
      ? `${growth ? 'GROWTH' : 'no growth trend'}: ${figure}`
      : `not judged (the second half of sending is under ${MIN_TREND_WINDOW_SECONDS / 60} min): ${figure}`,
  };
}
