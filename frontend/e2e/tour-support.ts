import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { messageRow, PASSWORD, type Messenger } from './fixture';

const e2eDir = dirname(fileURLToPath(import.meta.url));
/** Test artifacts (ignored by git): every screenshot the tour takes, on every run. */
export const ARTIFACTS_DIR = join(e2eDir, 'artifacts');
/** The README's screenshots, refreshed only on request (see `screenshot`). */
export const DOCS_SCREENSHOTS_DIR = join(e2eDir, '..', '..', 'docs', 'screenshots');

/** A desktop browser of its own (cookies, storage, permissions): a fixed 1280 × 800 window, small PNGs. */
export async function openBrowser(messenger: Messenger, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await messenger.browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    ...options,
  });
  return messenger.newPage(context);
}

/**
 * Saves the page as e2e/artifacts/<name>.png. With UPDATE_DOCS_SCREENSHOTS=1 in the environment, the ones meant for
 * the README (`forDocs`) are copied to docs/screenshots/<name>.png as well.
 */
export async function screenshot(page: Page, name: string, forDocs = true): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, `${name}.png`);
  // No blinking caret, no half-finished transition: the same screen gives the same picture.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (forDocs && process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOTS_DIR, { recursive: true });
    copyFileSync(file, join(DOCS_SCREENSHOTS_DIR, `${name}.png`));
  }
}

/**
 * `it` for steps that go on from one another: each is skipped once an earlier one has failed (it would start from
 * where that one should have ended). On a failure, the pages that `pages` names are saved as failed-<name>.png.
 */
export function stepsSharingState(pages: () => Record<string, Page | undefined>) {
  let failedStep: string | undefined;
  return (name: string, run: () => Promise<void>): void => {
    it(name, async (context) => {
      if (failedStep) context.skip(`after the failed step "${failedStep}"`);
      try {
        await run();
      } catch (error) {
        failedStep = name;
        for (const [who, page] of Object.entries(pages())) {
          if (page && !page.isClosed()) await screenshot(page, `failed-${who}`, false).catch(() => undefined);
        }
        throw error;
      }
    });
  };
}

export const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });

/**
 * Sends from the composer with Enter and waits for the message to show in the sender's own list, as `shown` where
 * formatting changes its text.
 */
export async function send(page: Page, text: string, shown = text): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await messageRow(page, shown).last().waitFor();
}

/** Hovers a message and clicks one of its actions ("Reply to message", "React to message", …). */
export async function messageAction(page: Page, text: string, action: string): Promise<void> {
  const row = messageRow(page, text).last();
  await row.hover();
  await row.getByRole('button', { name: action }).click();
}

/** Deletes one of our messages for everyone: its "Delete message" action is on the toolbar or in "More actions". */
export async function deleteMessage(page: Page, text: string): Promise<void> {
  const row = messageRow(page, text).last();
  await row.hover();
  const onToolbar = row.getByRole('button', { name: 'Delete message' });
  if ((await onToolbar.count()) > 0) await onToolbar.click();
  else {
    await row.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete message' }).click();
  }
  await page
    .getByRole('alertdialog', { name: 'Delete this message?' })
    .getByRole('button', { name: 'Delete for everyone' })
    .click();
}

export const contactRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Contact list' }).getByRole('listitem').filter({ hasText: name });
export const chatHeader = (page: Page) => page.locator('header:has(#chat-title)');
export const chatList = (page: Page) => page.getByRole('list', { name: 'Chat list' });
export const chatLink = (page: Page, name: string | RegExp) => chatList(page).getByRole('link', { name });
export const connectionStatus = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

export async function signIn(page: Page, serverUrl: string, username: string): Promise<void> {
  await page.goto(`${serverUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/chats$/);
}

/** The page is scrolled sideways by nothing: its content fits the viewport's width. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

// Desktop notifications: the real ones, observed. The context grants the permission; this init script records
// every Notification the app creates, so that a test can read them and click one.

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
}

interface NotificationLog {
  __notifications: (ShownNotification & { notification: Notification })[];
}

/** Run before any script of every page of the context (`context.addInitScript`). */
export function observeNotifications(): void {
  const log = window as unknown as NotificationLog;
  log.__notifications = [];
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      log.__notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '', notification: this });
    }
  };
}

export const shownNotifications = (page: Page): Promise<ShownNotification[]> =>
  page.evaluate(() =>
    (window as unknown as NotificationLog).__notifications.map(({ title, body, tag }) => ({ title, body, tag })),
  );

/** What a click on the system's notification does: its `click` event. */
export const clickNotification = (page: Page, index: number): Promise<void> =>
  page.evaluate((at) => {
    (window as unknown as NotificationLog).__notifications[at]?.notification.dispatchEvent(new Event('click'));
  }, index);

interface TabControl {
  __setTabHidden: (hidden: boolean) => void;
}

/**
 * Run before any script of every page of the context (`context.addInitScript`): lets a test put the tab in the
 * background, as the browser reports it (`visibilityState`, `hidden`, `hasFocus()`, a `visibilitychange` event).
 * Headless Chromium keeps every tab visible, and bringing another tab to the front would stop this one painting.
 */
export function allowHidingTheTab(): void {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  const hasFocus = Document.prototype.hasFocus;
  Document.prototype.hasFocus = function () {
    return !hidden && hasFocus.call(this);
  };
  (window as unknown as TabControl).__setTabHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

/** The user switches to another tab (`true`) or back to this one (`false`). */
export async function setTabHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => (window as unknown as TabControl).__setTabHidden(value), hidden);
  expect(await page.evaluate(() => [document.visibilityState, document.hasFocus()])).toEqual(
    hidden ? ['hidden', false] : ['visible', true],
  );
}
