import type { Browser, BrowserContext } from 'playwright-core';
import { PASSWORD } from './seed';

export const VIEWPORT = { width: 1280, height: 800 };

/**
 * A new browser profile (empty HTTP cache). tsx compiles with esbuild's keepNames, which wraps named functions
 * in `__name(...)`: functions handed to page.evaluate carry that call into the page, where it must exist.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return context;
}

/**
 * A new browser profile signed in as `username` through the API (sets the refresh cookie, fetches none of the
 * app's assets, so the HTTP cache stays empty). Each context signs in on its own: the refresh token rotates on
 * every use and a reused one revokes the session, so a saved storageState cannot be shared between contexts.
 */
export async function newSignedInContext(browser: Browser, baseUrl: string, username: string) {
  const context = await newContext(browser);
  const response = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { username, password: PASSWORD },
  });
  if (!response.ok()) throw new Error(`login of ${username} answered ${response.status()}`);
  return context;
}
