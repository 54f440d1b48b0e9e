import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { directChatByApi, registerByApi, sendByApi } from './api';
import { messageLog, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

const scroller = (page: Page) => messageLog(page).locator('[data-virtuoso-scroller]');

/** Whether an element with exactly this text is on screen inside the scrolling list (not merely rendered). */
function onScreen(page: Page, text: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const list = document.querySelector('[role="log"] [data-virtuoso-scroller]');
    if (!list) return false;
    const view = list.getBoundingClientRect();
    return [...list.querySelectorAll('li *')].some((element) => {
      if (element.textContent?.trim() !== wanted) return false;
      const box = element.getBoundingClientRect();
      return box.height > 0 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
    });
  }, text);
}

it('a long history pages in upwards without jumping, and a quote brings back a message long gone', async () => {
  const url = messenger.server.url;
  const dave = await registerByApi(url, 'dave');
  const erin = await registerByApi(url, 'erin');
  const chatId = await directChatByApi(url, dave, erin);
  const firstId = await sendByApi(url, dave, chatId, 'history 1');
  for (let n = 2; n <= 120; n += 1) await sendByApi(url, dave, chatId, `history ${n}`);
  // Sending marks everything before as read for Erin, so only Dave's answer below is new to her.
  await sendByApi(url, erin, chatId, 'catching up');
  await sendByApi(url, dave, chatId, 'back to the first one', firstId);

  const page = await (await messenger.browser.newContext({ viewport: { width: 1000, height: 700 } })).newPage();
  await page.goto(`${messenger.server.url}/login`);
  await page.getByLabel('Username').fill('erin');
  await page.getByLabel('Password').fill('a long password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/chats$/);
  await page.goto(`${messenger.server.url}/chats/${chatId}`);

  // Opens at the first unread message, the newest one here, under the "New messages" line.
  await expect.poll(() => onScreen(page, 'back to the first one')).toBe(true);
  expect(await onScreen(page, 'New messages')).toBe(true);

  // Scrolling to the top loads the page before it, and the message that was at the top stays in view.
  const oldestLoaded = 'history 73';
  // Virtuoso settles the opening position while it measures the rows; scroll once it has.
  await page.waitForTimeout(1_000);
  await scroller(page).hover();
  for (let step = 0; step < 30 && !(await onScreen(page, oldestLoaded)); step += 1) await page.mouse.wheel(0, -500);
  await expect.poll(() => onScreen(page, oldestLoaded)).toBe(true);
  await messageLog(page).getByText('history 72', { exact: true }).waitFor({ state: 'attached', timeout: 5_000 });
  await page.waitForTimeout(300);
  expect(await onScreen(page, oldestLoaded)).toBe(true);

  // The quote of message 1, not loaded any more after a reload, brings it into view, highlighted.
  await page.reload();
  await page.getByRole('button', { name: 'Jump to quoted message' }).click();
  await expect.poll(() => onScreen(page, 'history 1')).toBe(true);
  expect(await messageLog(page).locator('[data-highlighted]').textContent()).toContain('history 1');

  // And a link to a message opens the chat there.
  await page.goto(`${messenger.server.url}/chats/${chatId}/messages/${firstId}`);
  await expect.poll(() => onScreen(page, 'history 1')).toBe(true);
});
