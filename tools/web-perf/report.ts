import type { BundleResult, ScriptBytes } from './bundle';
import type { OpenResult, OpenTiming } from './opening';
import type { ScrollRun } from './scrolling';
import type { SwitchResult, SwitchTiming } from './switching';

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

export interface RunResult {
  run: number;
  loadAverage: string;
  bundle: { direct: BundleResult; nginx?: BundleResult };
  switching: SwitchResult;
  scroll: ScrollRun[];
  opening: OpenResult;
}

function bundleLines(label: string, result: BundleResult): string[] {
  const line = (what: string, bytes: ScriptBytes) =>
    `  ${label.padEnd(22)} ${what.padEnd(26)} ${String(bytes.scripts).padStart(2)} scripts  transferred ${kb(
      bytes.transferred,
    ).padStart(9)}  (bodies ${kb(bytes.encodedBody)}, ${bytes.encodings.join('/')}; ${kb(bytes.decoded)} decoded)`;
  return [line('login page, first load', result.login), line('signed in on /chats, total', result.signedIn)];
}

function switchLine(label: string, timings: SwitchTiming[]): string {
  const newest = timings.flatMap((timing) => (timing.newest === null ? [] : [timing.newest]));
  const firstRow = timings.map((timing) => timing.firstRow);
  const history = timings.flatMap((timing) => (timing.history === null ? [] : [timing.history]));
  return `  ${label.padEnd(12)} n=${timings.length}  newest message p50 ${ms(percentile(newest, 50))}  p95 ${ms(
    percentile(newest, 95),
  )}  max ${ms(Math.max(...newest))}  (opened elsewhere: ${timings.length - newest.length})   first row p50 ${ms(
    percentile(firstRow, 50),
  )}  p95 ${ms(percentile(firstRow, 95))}   history response p50 ${ms(percentile(history, 50))}  frames p50 ${percentile(
    timings.map((timing) => timing.frames),
    50,
  )}  click handler p50 ${ms(
    percentile(
      timings.map((timing) => timing.click),
      50,
    ),
  )}`;
}

function scrollLine(run: ScrollRun): string {
  return (
    `  CPU ${run.cpuThrottling}×  ${run.averageFps.toFixed(1)} fps over ${run.seconds.toFixed(1)} s  ` +
    `>16.7 ms ${pct(run.over16)}  >33 ms ${pct(run.over33)}  p95 ${ms(run.p95FrameMs)}  worst ${ms(
      run.worstFrameMs,
    )}  long tasks ${run.longTasks} (${ms(run.longTaskMs)}, worst ${ms(run.worstLongTaskMs)})  ` +
    `older pages ${run.pagesLoaded}  frames at top ${run.framesAtTop}`
  );
}

function openLine(label: string, timings: OpenTiming[]): string {
  const of = (key: keyof OpenTiming) => timings.map((timing) => timing[key]);
  return `  ${label.padEnd(5)} n=${timings.length}  list visible (all rows) median ${ms(
    percentile(of('allRows'), 50),
  )} max ${ms(Math.max(...of('allRows')))}  first row median ${ms(percentile(of('firstRow'), 50))}  network idle median ${ms(
    percentile(of('networkIdle'), 50),
  )}  requests ${percentile(of('requests'), 50)}`;
}

/** Prints a run's figures, or only one section of them. */
export function printRun(result: RunResult, only?: 'switching' | 'scroll'): void {
  const switching = [
    'Chat switch (click in the sidebar → newest message on screen):',
    switchLine('first visit', result.switching.firstVisit),
    switchLine('revisit', result.switching.revisit),
    switchLine('pointed', result.switching.pointedFirstVisit),
    ...result.switching.misses.map((miss) => `    ${miss}`),
  ];
  const scroll = ['Scrolling up through the 10,000-message chat:', ...result.scroll.map(scrollLine)];
  if (only) {
    console.log((only === 'switching' ? switching : scroll).join('\n'));
    return;
  }
  const lines = [
    `\n=== run ${result.run}  (load average before: ${result.loadAverage})`,
    'JavaScript (Chrome DevTools protocol, empty cache, Accept-Encoding as Chromium sends it):',
    ...bundleLines('npm start (direct)', result.bundle.direct),
    ...(result.bundle.nginx ? bundleLines('nginx/nginx.conf front', result.bundle.nginx) : []),
    ...switching,
    ...scroll,
    'Opening /chats with 200 chats (navigation start →):',
    openLine('cold', result.opening.cold),
    openLine('warm', result.opening.warm),
  ];
  console.log(lines.join('\n'));
}
