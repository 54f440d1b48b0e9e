import type { Browser, Page } from 'playwright-core';
import { newSignedInContext } from './contexts';

export interface OpenTiming {
  /** Navigation start → the first chat row is in the DOM and painted. */
  firstRow: number;
  /** Navigation start → all `expected` rows are in the DOM and painted. */
  allRows: number;
  /** Navigation start → the last request (Socket.IO's long-polling aside) finished. */
  networkIdle: number;
  requests: number;
}

export interface OpenResult {
  /** A returning user with an empty HTTP cache (a new browser profile holding only the session cookie). */
  cold: OpenTiming[];
  /** A returning user whose browser has the app's hashed assets cached (reloads). */
  warm: OpenTiming[];
}

/**
 * Installed before any of the app's scripts: watches the chat list from the start of navigation and notes when
 * its first row and its `expected`-th row are painted (a task after the next animation frame). `performance.now()`
 * counts from the navigation's start.
 */
function watchChatList(expected: number): void {
  const marks: Record<string, number> = {};
  Object.assign(globalThis, { __chatListMarks: marks });
  const mark = (name: string) => {
    if (marks[name] !== undefined) return;
    marks[name] = -1;
    requestAnimationFrame(() =>
      setTimeout(() => {
        marks[name] = performance.now();
      }),
    );
  };
  const check = () => {
    const rows = document.querySelectorAll('ul[aria-label="Chat list"] > li').length;
    if (rows > 0) mark('firstRow');
    if (rows >= expected) {
      mark('allRows');
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true });
}

async function waitForMarks(page: Page): Promise<{ firstRow: number; allRows: number }> {
  const handle = await page.waitForFunction(
    () => {
      const marks = (globalThis as unknown as { __chatListMarks?: Record<string, number> }).__chatListMarks;
      return marks && (marks.allRows ?? -1) > 0 && (marks.firstRow ?? -1) > 0 ? marks : null;
    },
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  return (await handle.jsonValue()) as { firstRow: number; allRows: number };
}

/** Waits until the page has made no request for `quietMs`, then reads the last one's end from Resource Timing. */
async function networkIdle(page: Page, quietMs = 1_000): Promise<{ at: number; requests: number }> {
  let last = await page.evaluate(() => performance.getEntriesByType('resource').length);
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    await page.waitForTimeout(100);
    const count = await page.evaluate(() => performance.getEntriesByType('resource').length);
    if (count !== last) {
      last = count;
      quietSince = Date.now();
    }
  }
  return page.evaluate(() => {
    const entries = performance
      .getEntriesByType('resource')
      .filter((entry) => !entry.name.includes('/socket.io/')) as PerformanceResourceTiming[];
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const ends = entries.map((entry) => entry.responseEnd);
    return { at: Math.max(navigation?.responseEnd ?? 0, ...ends), requests: entries.length + 1 };
  });
}

async function open(page: Page, baseUrl: string, reload: boolean): Promise<OpenTiming> {
  if (reload) await page.reload();
  else await page.goto(`${baseUrl}/chats`);
  const marks = await waitForMarks(page);
  const idle = await networkIdle(page);
  return { firstRow: marks.firstRow, allRows: marks.allRows, networkIdle: idle.at, requests: idle.requests };
}

/**
 * `times` cold opens (each in a new browser profile, signed in through the API: cookie only, nothing cached) and `times` warm ones (reloads
 * of one page, assets from the HTTP cache), of /chats for a user with `expected` chats.
 */
export async function measureOpening(
  browser: Browser,
  baseUrl: string,
  username: string,
  expected: number,
  times: number,
): Promise<OpenResult> {
  const cold: OpenTiming[] = [];
  const warm: OpenTiming[] = [];
  for (let i = 0; i < times; i += 1) {
    const context = await newSignedInContext(browser, baseUrl, username);
    try {
      await context.addInitScript(watchChatList, expected);
      const page = await context.newPage();
      cold.push(await open(page, baseUrl, false));
    } finally {
      await context.close();
    }
  }
  const context = await newSignedInContext(browser, baseUrl, username);
  try {
    await context.addInitScript(watchChatList, expected);
    const page = await context.newPage();
    await open(page, baseUrl, false);
    for (let i = 0; i < times; i += 1) warm.push(await open(page, baseUrl, true));
  } finally {
    await context.close();
  }
  return { cold, warm };
}
