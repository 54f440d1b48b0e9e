import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SeededChat } from './seed';

export interface SwitchTiming {
  /** Click → a message row of the new chat is on screen and painted (the first task after the next frame). */
  firstRow: number;
  /** Click → the newest message is on screen and painted; null when it was not within 3 s (opened elsewhere). */
  newest: number | null;
  /** Click → the response of the chat's history request (GET …/messages) had arrived (Resource Timing). */
  history: number | null;
  /** Animation frames from the click to the one in which the newest message was on screen. */
  frames: number;
  /** How long the click's own event handling took (React Router's navigation, synchronous part). */
  click: number;
}

export interface SwitchResult {
  firstVisit: SwitchTiming[];
  revisit: SwitchTiming[];
  /** First visits in a fresh page, the pointer resting on the chat for `AIM_MS` before the click, as a person's does. */
  pointedFirstVisit: SwitchTiming[];
  /** Switches whose newest message never came on screen, with what the list fetched meanwhile. */
  misses: string[];
}

type InPage = SwitchTiming;

/**
 * Runs in the page: clicks the chat's link in the sidebar (a plain DOM click, so no automation latency is
 * counted) and notes when a row of that chat (its texts start with `prefix`), and the row holding `marker`
 * (the newest message), are inside the visible part of the message list. Checked once per animation frame,
 * where the browser computes the layout anyway (checking on every DOM mutation forced extra layouts and showed up
 * in the profile). A hit is timed when that frame has been painted: the first task after it.
 */
function switchInPage({ id, prefix, marker }: { id: string; prefix: string; marker: string }): Promise<InPage | null> {
  return new Promise((resolve) => {
    const link = document.querySelector<HTMLAnchorElement>(`ul[aria-label="Chat list"] a[href="/chats/${id}"]`);
    if (!link) {
      resolve(null);
      return;
    }
    const visible = (text: string) => {
      const list = document.querySelector('[role="log"] [data-virtuoso-scroller]');
      if (!list) return false;
      const view = list.getBoundingClientRect();
      for (const row of list.querySelectorAll('li[data-index]')) {
        if (!row.textContent?.includes(text)) continue;
        const box = row.getBoundingClientRect();
        if (box.height > 0 && box.top >= view.top - 2 && box.bottom <= view.bottom + 2) return true;
      }
      return false;
    };
    const start = performance.now();
    const times: { firstRow?: number; newest?: number } = {};
    const pending = new Set<string>();
    let finished = false;
    let frames = 0;
    let newestFrame = 0;
    const finish = (result: Omit<InPage, 'history'> | null) => {
      if (finished) return;
      finished = true;
      const history = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.includes(`/api/chats/${id}/messages`) && entry.startTime >= start);
      resolve(
        result && { ...result, history: history ? (history as PerformanceResourceTiming).responseEnd - start : null },
      );
    };
    const painted = (key: 'firstRow' | 'newest') => {
      if (times[key] !== undefined || pending.has(key)) return;
      pending.add(key);
      if (key === 'newest') newestFrame = frames;
      requestAnimationFrame(() =>
        setTimeout(() => {
          times[key] = performance.now() - start;
          if (times.newest !== undefined && times.firstRow !== undefined) {
            finish({ firstRow: times.firstRow, newest: times.newest, frames: newestFrame, click: clicked });
          }
        }),
      );
    };
    const check = () => {
      if (finished) return;
      if (visible(prefix)) painted('firstRow');
      if (visible(marker)) painted('newest');
    };
    const poll = () => {
      if (finished) return;
      frames += 1;
      check();
      const elapsed = performance.now() - start;
      if (times.firstRow !== undefined && elapsed > times.firstRow + 3_000) {
        finish({ firstRow: times.firstRow, newest: null, frames, click: clicked });
      } else if (elapsed > 10_000) {
        finish(null);
      } else {
        requestAnimationFrame(poll);
      }
    };
    link.click();
    const clicked = performance.now() - start;
    requestAnimationFrame(poll);
  });
}

/**
 * How long a person's pointer rests on a sidebar row before the click lands: well under the few hundred ms that
 * aiming at a row and pressing the button take (Fitts's law), so a conservative stand-in for a real click.
 */
export const AIM_MS = 150;

async function switchTo(
  page: Page,
  chat: SeededChat,
  misses: string[],
  label: string,
  aimMs = 0,
): Promise<SwitchTiming> {
  if (aimMs > 0) {
    await page.hover(`ul[aria-label="Chat list"] a[href="/chats/${chat.id}"]`);
    await page.waitForTimeout(aimMs);
  }
  const requests: string[] = [];
  const onRequest = (request: { url(): string }) => {
    if (request.url().includes('/messages')) requests.push(new URL(request.url()).search || '(latest)');
  };
  page.on('request', onRequest);
  const timing = await page.evaluate(switchInPage, {
    id: chat.id,
    prefix: `${chat.name} #`,
    marker: chat.lastMarker,
  });
  // Let the history request, read receipts and Virtuoso's measuring settle before the next click.
  await page.waitForTimeout(400);
  page.off('request', onRequest);
  if (!timing || timing.newest === null) {
    const screenshot = join(tmpdir(), `web-perf-switch-${misses.length + 1}.png`);
    await page.screenshot({ path: screenshot });
    misses.push(
      `${label} ${chat.name}: ${timing ? 'opened away from the newest message' : 'showed nothing'}; ` +
        `message requests ${requests.join(' ') || 'none'} (${screenshot})`,
    );
  }
  if (!timing) throw new Error(`switching to ${chat.name} showed none of its messages within 10 s`);
  return timing;
}

/**
 * From a signed-in page on /chats: opens chats[0], then every other chat once (first visits: nothing of the
 * chat is in the app's store yet), then `revisitRounds` times round all of them again (revisits: the store
 * holds the chat's messages, and the app shows them while it asks the server for newer ones).
 */
export async function measureSwitches(
  page: Page,
  chats: SeededChat[],
  revisitRounds = 1,
): Promise<Omit<SwitchResult, 'pointedFirstVisit'>> {
  const [firstChat, ...others] = chats;
  if (!firstChat) throw new Error('no chats to switch between');
  const misses: string[] = [];
  await switchTo(page, firstChat, misses, 'first visit');
  const firstVisit: SwitchTiming[] = [];
  for (const chat of others) firstVisit.push(await switchTo(page, chat, misses, 'first visit'));
  const revisit: SwitchTiming[] = [];
  for (let round = 0; round < revisitRounds; round += 1) {
    // Starting from the last chat opened, so no click is on the chat already open.
    for (const chat of chats) revisit.push(await switchTo(page, chat, misses, 'revisit'));
  }
  return { firstVisit, revisit, misses };
}

/** First visits again, in a fresh page (nothing of any chat in the store), pointing at each chat before the click. */
export async function measurePointedFirstVisits(page: Page, chats: SeededChat[]): Promise<SwitchTiming[]> {
  const misses: string[] = [];
  const timings: SwitchTiming[] = [];
  // From the bottom of the list up: the chats the app did not preload first.
  for (const chat of [...chats].reverse()) timings.push(await switchTo(page, chat, misses, 'pointed', AIM_MS));
  return timings.slice(1);
}
