import type { Browser } from 'playwright-core';
import { newSignedInContext } from './contexts';
import { profileFunctions } from './profile';
import { traceMainThread, type MainThreadBreakdown } from './trace';
import type { SeededChat } from './seed';

export interface ScrollRun {
  cpuThrottling: number;
  frames: number;
  seconds: number;
  averageFps: number;
  /** Frame intervals longer than one 60 Hz frame (16.7 ms) and than two (33.3 ms), as a share of all. */
  over16: number;
  over33: number;
  p95FrameMs: number;
  worstFrameMs: number;
  longTasks: number;
  longTaskMs: number;
  worstLongTaskMs: number;
  /** Older pages the list fetched while scrolling (GET …/messages?before=). */
  pagesLoaded: number;
  /** Frames spent pinned at the top of what is loaded, waiting for an older page. */
  framesAtTop: number;
  /** With `trace`: where the main thread's time went (the trace itself slows the page a little). */
  breakdown?: MainThreadBreakdown;
}

interface InPage {
  intervals: number[];
  seconds: number;
  longTasks: number[];
  framesAtTop: number;
}

/**
 * Runs in the page: scrolls the message list up by `pxPerFrame` in every animation frame for `seconds`, and
 * records each frame's interval and every long task (> 50 ms on the main thread).
 */
function scrollInPage({ seconds, pxPerFrame }: { seconds: number; pxPerFrame: number }): Promise<InPage> {
  return new Promise((resolve, reject) => {
    const list = document.querySelector('[role="log"] [data-virtuoso-scroller]');
    if (!list) {
      reject(new Error('no message list'));
      return;
    }
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const intervals: number[] = [];
    let framesAtTop = 0;
    let start = 0;
    let previous = 0;
    const frame = (now: number) => {
      if (start === 0) {
        start = now;
      } else {
        intervals.push(now - previous);
      }
      previous = now;
      if (now - start >= seconds * 1000) {
        observer.disconnect();
        resolve({ intervals, seconds: (now - start) / 1000, longTasks, framesAtTop });
        return;
      }
      if (list.scrollTop <= 0) framesAtTop += 1;
      list.scrollBy(0, -pxPerFrame);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Opens the long chat in a fresh signed-in page (at its newest message, as a user would), lets the list settle,
 * then scrolls up continuously. CPU throttling through the DevTools protocol (4 = a mid-range phone).
 */
export async function measureScroll(
  browser: Browser,
  baseUrl: string,
  username: string,
  chat: SeededChat,
  options: {
    cpuThrottling: number;
    seconds: number;
    pxPerFrame: number;
    trace?: boolean;
    profile?: (lines: string[]) => void;
  },
): Promise<ScrollRun> {
  const context = await newSignedInContext(browser, baseUrl, username);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/chats/${chat.id}`);
    await page.locator('[role="log"] li[data-index]', { hasText: chat.lastMarker }).waitFor();
    await page.waitForTimeout(1_500);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottling });
    let pagesLoaded = 0;
    page.on('request', (request) => {
      if (/\/api\/chats\/[^/]+\/messages\?.*before=/.test(request.url())) pagesLoaded += 1;
    });
    await page.mouse.move(640, 400);
    const scroll = () => page.evaluate(scrollInPage, { seconds: options.seconds, pxPerFrame: options.pxPerFrame });
    let result: InPage | undefined;
    const breakdown = options.trace
      ? await traceMainThread(page, async () => {
          result = await scroll();
        })
      : undefined;
    if (options.profile) {
      options.profile(
        await profileFunctions(page, async () => {
          result = await scroll();
        }),
      );
    }
    result ??= await scroll();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const sorted = [...result.intervals].sort((a, b) => a - b);
    const frames = result.intervals.length;
    return {
      cpuThrottling: options.cpuThrottling,
      frames,
      seconds: result.seconds,
      averageFps: frames / result.seconds,
      over16: result.intervals.filter((ms) => ms > 16.7 + 1).length / frames,
      over33: result.intervals.filter((ms) => ms > 33.4 + 1).length / frames,
      p95FrameMs: percentile(sorted, 95),
      worstFrameMs: sorted.at(-1) ?? 0,
      longTasks: result.longTasks.length,
      longTaskMs: result.longTasks.reduce((total, ms) => total + ms, 0),
      worstLongTaskMs: Math.max(0, ...result.longTasks),
      pagesLoaded,
      framesAtTop: result.framesAtTop,
      breakdown,
    };
  } finally {
    await context.close();
  }
}
