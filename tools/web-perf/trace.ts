import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export interface MainThreadBreakdown {
  wallMs: number;
  /** Time the renderer's main thread spent in tasks. */
  busyMs: number;
  /** Self time per trace event name (a Layout forced inside a script counts as Layout), largest first. */
  selfMs: [string, number][];
}

/**
 * Records a Chromium performance trace (the DevTools Performance panel's categories) of the page while `run`
 * runs, and sums the self time of each kind of event on the page's main thread.
 */
export async function traceMainThread(page: Page, run: () => Promise<unknown>): Promise<MainThreadBreakdown> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  const begin = Date.now();
  await run();
  const wallMs = Date.now() - begin;
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();

  // The page's main thread: the renderer main thread with the most work in the trace.
  const mains = events.filter((event) => event.ph === 'M' && event.args?.name === 'CrRendererMain');
  const work = (pid: number, tid: number) =>
    events
      .filter((event) => event.pid === pid && event.tid === tid && event.name === 'RunTask')
      .reduce((total, event) => total + (event.dur ?? 0), 0);
  const main = mains.sort((a, b) => work(b.pid, b.tid) - work(a.pid, a.tid))[0];
  if (!main) return { wallMs, busyMs: 0, selfMs: [] };
  const slices = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  for (const slice of slices) {
    while (stack.length > 0 && (stack.at(-1) as TraceEvent).ts + ((stack.at(-1) as TraceEvent).dur ?? 0) <= slice.ts) {
      stack.pop();
    }
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (slice.dur ?? 0));
    self.set(slice.name, (self.get(slice.name) ?? 0) + (slice.dur ?? 0));
    stack.push(slice);
  }
  return {
    wallMs,
    busyMs: work(main.pid, main.tid) / 1000,
    selfMs: [...self.entries()]
      .map(([name, micros]): [string, number] => [name, micros / 1000])
      .filter(([, value]) => value >= 1)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14),
  };
}

export function printBreakdown(label: string, breakdown: MainThreadBreakdown): void {
  const share = (value: number) => `${((value / breakdown.wallMs) * 100).toFixed(0)} %`;
  console.log(
    `  ${label}: wall ${breakdown.wallMs} ms, main thread busy ${Math.round(breakdown.busyMs)} ms (${share(
      breakdown.busyMs,
    )})\n` + breakdown.selfMs.map(([name, value]) => `      ${name.padEnd(28)} ${Math.round(value)} ms`).join('\n'),
  );
}
