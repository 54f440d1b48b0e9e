import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * Samples the page's JavaScript (the DevTools protocol's Profiler, 200 µs interval) while `run` runs, and
 * returns the functions with the most self time. With WEB_PERF_UNMINIFIED=1 the names are the sources' own.
 */
export async function profileFunctions(page: Page, run: () => Promise<unknown>, top = 25): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 1) / 1000;
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes as ProfileNode[]) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    const ms = (node.hitCount ?? 0) * interval;
    total += ms;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const idle = self.get('(idle)') ?? 0;
  return [
    `sampled ${Math.round(total)} ms, of which idle ${Math.round(idle)} ms`,
    ...[...self.entries()]
      .filter(([key]) => key !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => `${Math.round(ms).toString().padStart(6)} ms  ${key}`),
  ];
}
