/**
 * Web app speed figures (issue #8) in headless Chromium against the production build that `npm start` serves:
 * JavaScript transferred on first load, chat switch time, scrolling a 10,000-message chat, opening the app with
 * 200 chats. Starts its own server (embedded PostgreSQL in a temporary folder, free port), seeds it through the
 * REST API, and stops and deletes everything at the end.
 * Run from frontend/: `npm run bench:web`. Environment: WEB_PERF_RUNS (2), WEB_PERF_OPENS (5 cold + 5 warm),
 * WEB_PERF_SCROLL_SECONDS (5), WEB_PERF_SCROLL_PX (40 per frame), WEB_PERF_LONG_MESSAGES (10,000), WEB_PERF_JSON=<file>
 * for the raw figures, WEB_PERF_TRACE=1 for a pass under a Chromium performance trace (where the main thread's
 * time goes), WEB_PERF_PROFILE=1 for a JavaScript CPU profile (with WEB_PERF_UNMINIFIED=1: readable names),
 * WEB_PERF_PATCH=<file> to try a change on the committed app, WEB_PERF_BUILD=worktree to measure frontend/dist
 * as it is, CHROMIUM_PATH, NGINX_PATH (without nginx the gzip figures are skipped).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { launchChromium } from '../../frontend/e2e/browser';
import { measureBundle } from './bundle';
import { newSignedInContext } from './contexts';
import { measureOpening } from './opening';
import { printRun, type RunResult } from './report';
import { measureScroll } from './scrolling';
import { CROWD_CHATS, seed, type Seed } from './seed';
import { NginxFront, prepareBuild, startMessenger } from './servers';
import { measurePointedFirstVisits, measureSwitches, type SwitchResult } from './switching';
import { profileFunctions } from './profile';
import { printBreakdown, traceMainThread } from './trace';

const RUNS = Number(process.env.WEB_PERF_RUNS ?? 2);
const SCROLL_SECONDS = Number(process.env.WEB_PERF_SCROLL_SECONDS ?? 5);
const SCROLL_PX_PER_FRAME = Number(process.env.WEB_PERF_SCROLL_PX ?? 40);
const OPENS = Number(process.env.WEB_PERF_OPENS ?? 5);

type Browser = Awaited<ReturnType<typeof launchChromium>>;

/** Chat switches in one signed-in page; with `trace`, under a performance trace, printing where the time went. */
async function switching(
  browser: Browser,
  baseUrl: string,
  data: Seed,
  trace: boolean,
  profile = false,
): Promise<SwitchResult | undefined> {
  const context = await newSignedInContext(browser, baseUrl, data.switcher.account.username);
  const pointed = async (signedIn: typeof context) => {
    const page = await signedIn.newPage();
    await page.goto(`${baseUrl}/chats`);
    await page.locator('ul[aria-label="Chat list"] > li').first().waitFor();
    await page.waitForTimeout(1_000);
    return { pointedFirstVisit: await measurePointedFirstVisits(page, data.switcher.chats) };
  };
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/chats`);
    await page.locator('ul[aria-label="Chat list"] > li').first().waitFor();
    await page.waitForTimeout(1_000);
    if (profile) {
      // First visits unprofiled, then 63 revisits (the store already holds every chat) under the profiler.
      await measureSwitches(page, data.switcher.chats, 0);
      const lines = await profileFunctions(page, () => measureSwitches(page, data.switcher.chats, 1));
      console.log(`  CPU profile of 63 revisits:\n${lines.map((line) => `    ${line}`).join('\n')}`);
      return undefined;
    }
    if (!trace) return { ...(await measureSwitches(page, data.switcher.chats)), ...(await pointed(context)) };

    let result: Awaited<ReturnType<typeof measureSwitches>> | undefined;
    const breakdown = await traceMainThread(page, async () => {
      result = await measureSwitches(page, data.switcher.chats);
    });
    printBreakdown('63 chat switches (each followed by a 400 ms pause)', breakdown);
    if (!result) throw new Error('the traced switches did not finish');
    return { ...result, ...(await pointed(context)) };
  } finally {
    await context.close();
  }
}

/** The scroll of the long chat, CPU 1×, under the JavaScript profiler. */
async function profileScroll(browser: Browser, baseUrl: string, data: Seed): Promise<string[]> {
  let lines: string[] = [];
  await measureScroll(browser, baseUrl, data.scroller.account.username, data.scroller.chat, {
    cpuThrottling: 1,
    seconds: SCROLL_SECONDS,
    pxPerFrame: SCROLL_PX_PER_FRAME,
    profile: (profiled) => (lines = profiled),
  });
  return lines;
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const build = prepareBuild();
  const begin = Date.now();
  const server = await startMessenger(build).catch((error: unknown) => {
    build.dispose();
    throw error;
  });
  let nginx: NginxFront | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    nginx?.stop();
    await server.dispose();
    build.dispose();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    console.log(`server up at ${server.url} in ${Date.now() - begin} ms`);
    const data = await seed(server.url, (line) => console.log(line));
    if (NginxFront.available()) nginx = await NginxFront.start(server.port, build);
    else console.log('nginx not found: transfer sizes through nginx/nginx.conf skipped');
    browser = await launchChromium();
    console.log(
      `commit ${commit} (web app built from ${build.source}), Node ${process.version}, Chromium ${browser.version()}, ${cpus().length} × ${cpus()[0]?.model}`,
    );
    const results: RunResult[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const result: RunResult = {
        run,
        loadAverage: loadAverage(),
        bundle: {
          direct: await measureBundle(browser, server.url, data.crowd.account.username),
          nginx: nginx && (await measureBundle(browser, nginx.url, data.crowd.account.username)),
        },
        switching: (await switching(browser, server.url, data, false)) as SwitchResult,
        scroll: [],
        opening: { cold: [], warm: [] },
      };
      for (const cpuThrottling of [1, 4]) {
        result.scroll.push(
          await measureScroll(browser, server.url, data.scroller.account.username, data.scroller.chat, {
            cpuThrottling,
            seconds: SCROLL_SECONDS,
            pxPerFrame: SCROLL_PX_PER_FRAME,
          }),
        );
      }
      result.opening = await measureOpening(browser, server.url, data.crowd.account.username, CROWD_CHATS, OPENS);
      printRun(result);
      results.push(result);
    }
    if (process.env.WEB_PERF_TRACE === '1') {
      console.log(`\n=== traced pass (load average before: ${loadAverage()})`);
      const traced = await switching(browser, server.url, data, true);
      if (traced) printRun({ ...results[0], switching: traced } as RunResult, 'switching');
      for (const cpuThrottling of [1, 4]) {
        const run = await measureScroll(browser, server.url, data.scroller.account.username, data.scroller.chat, {
          cpuThrottling,
          seconds: SCROLL_SECONDS,
          pxPerFrame: SCROLL_PX_PER_FRAME,
          trace: true,
        });
        printRun({ ...results[0], scroll: [run] } as RunResult, 'scroll');
        if (run.breakdown) printBreakdown(`scrolling, CPU ${cpuThrottling}×`, run.breakdown);
      }
    }
    if (process.env.WEB_PERF_PROFILE === '1') {
      console.log(`\n=== profiled pass (load average before: ${loadAverage()})`);
      await switching(browser, server.url, data, false, true);
      const lines = await profileScroll(browser, server.url, data);
      console.log(`  CPU profile of scrolling, CPU 1×:\n${lines.map((line) => `    ${line}`).join('\n')}`);
    }
    const out = process.env.WEB_PERF_JSON;
    if (out) {
      writeFileSync(
        out,
        JSON.stringify({ commit, node: process.version, chromium: browser.version(), results }, null, 2),
      );
      console.log(`\nraw results: ${out}`);
    }
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
