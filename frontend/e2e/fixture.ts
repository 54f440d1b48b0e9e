import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations } from './accessibility';
import { launchChromium } from './browser';
import { MessengerServer } from './messenger-server';

export const PASSWORD = 'a long password';

/** The real server and a headless Chromium, shared by one file's tests. */
export interface Messenger {
  readonly server: MessengerServer;
  readonly browser: Browser;
  /**
   * A page in a context of its own (a separate browser profile: its own cookies and storage), or in `context`.
   * Whatever state a test leaves it in is checked with axe after the file's tests (see accessibility.ts).
   */
  newPage: (context?: BrowserContext) => Promise<Page>;
  /** Creates the account through the web app; the page ends up on /chats, signed in. */
  register: (page: Page, username: string, displayName: string) => Promise<void>;
}

/** Call at the top of an e2e file: starts the server and the browser before its tests and stops both after. */
export function setUpMessenger(): Messenger {
  let server: MessengerServer | undefined;
  let browser: Browser | undefined;
  // The server sends a strict Content-Security-Policy; whatever the app does in any test must satisfy it.
  const cspViolations: string[] = [];
  // Every page a test opened is checked with axe once more, as the test left it, before the browser closes.
  const openedPages: Page[] = [];
  const accessibilityFailures: string[] = [];

  beforeAll(async () => {
    server = await MessengerServer.create();
    await server.start();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const page of openedPages) {
      if (page.isClosed() || !page.url().startsWith('http')) continue;
      const screen = `final state of ${new URL(page.url()).pathname}`;
      accessibilityFailures.push(
        ...(await accessibilityViolations(page, screen).catch((error: unknown) => [`${screen}: axe failed: ${error}`])),
      );
    }
    await browser?.close();
    await server?.dispose();
    // After the clean-up, so that a failure here does not leave the server running.
    expect(cspViolations).toEqual([]);
    expect(accessibilityFailures.join('\n')).toBe('');
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The messenger is used before beforeAll started it');
    return value;
  };

  const messenger: Messenger = {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    newPage: async (context) => {
      const page = await (context ?? (await messenger.browser.newContext())).newPage();
      openedPages.push(page);
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
          cspViolations.push(message.text());
        }
      });
      return page;
    },
    register: async (page, username, displayName) => {
      await page.goto(`${messenger.server.url}/register`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Display name').fill(displayName);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL(/\/chats$/);
    },
  };
  return messenger;
}

/** `requester` asks `recipient` to connect through the contacts page; `recipient` accepts. */
export async function becomeContacts(
  requester: Page,
  recipient: Page,
  recipientUsername: string,
  requesterUsername: string,
): Promise<void> {
  await requester.getByRole('link', { name: 'Contacts', exact: true }).click();
  await requester.getByLabel('Search users').fill(recipientUsername);
  await requester.getByRole('button', { name: `Add ${recipientUsername}` }).click();
  await recipient.getByRole('link', { name: 'Contacts', exact: true }).click();
  await recipient.getByRole('tab', { name: /^Incoming/ }).click();
  await recipient.getByRole('button', { name: `Accept ${requesterUsername}` }).click();
}

export interface Person {
  username: string;
  displayName: string;
}

export const ALICE: Person = { username: 'alice', displayName: 'Alice Liddell' };
export const BOB: Person = { username: 'bob', displayName: 'Bob Builder' };

/** Two people registered in browsers of their own (the first in `firstContext`, if given), then contacts. */
export async function registerContacts(
  messenger: Messenger,
  first: Person,
  second: Person,
  firstContext?: BrowserContext,
): Promise<[Page, Page]> {
  const pages = [await messenger.newPage(firstContext), await messenger.newPage()] as [Page, Page];
  await messenger.register(pages[0], first.username, first.displayName);
  await messenger.register(pages[1], second.username, second.displayName);
  await becomeContacts(pages[0], pages[1], second.username, first.username);
  return pages;
}

export const messageLog = (page: Page) => page.getByRole('log', { name: 'Messages' });
/** A message's row in the virtualised list (its quote of another message counts as its text too). */
export const messageRow = (page: Page, text: string) =>
  messageLog(page).locator('li[data-index]').filter({ hasText: text });

/** A real PNG drawn by the page's canvas: 64 × 48, two colours. */
export async function drawPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.fillStyle = '#2563eb';
    context.fillRect(0, 0, 64, 48);
    context.fillStyle = '#f59e0b';
    context.fillRect(16, 12, 32, 24);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}
