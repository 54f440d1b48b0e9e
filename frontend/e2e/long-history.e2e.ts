import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { messageLog, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

interface Account {
  token: string;
  id: string;
}

async function call<T>(path: string, token: string | null, body: unknown): Promise<T> {
  const response = await fetch(`${messenger.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function registerByApi(username: string): Promise<Account> {
  const { accessToken, user } = await call<{ accessToken: string; user: { id: string } }>('/api/auth/register', null, {
    username,
    password: 'a long password',
  });
  return { token: accessToken, id: user.id };
}

const sendByApi = (account: Account, chatId: string, content: string, replyToId?: string) =>
  call<{ message: { id: string } }>(`/api/chats/${chatId}/messages`, account.token, {
    clientMsgId: randomUUID(),
    content,
    ...(replyToId && { replyToId }),
  }).then(({ message }) => message.id);

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
  const dave = await registerByApi('dave');
  const erin = await registerByApi('erin');
  const { request } = await call<{ request: { id: string } }>('/api/contacts/requests', dave.token, {
    userId: erin.id,
  });
  await call(`/api/contacts/requests/${request.id}/accept`, erin.token, {});
  const { chat } = await call<{ chat: { id: string } }>('/api/chats/direct', dave.token, { userId: erin.id });
  const firstId = await sendByApi(dave, chat.id, 'history 1');
  for (let n = 2; n <= 120; n += 1) await sendByApi(dave, chat.id, `history ${n}`);
  // Sending marks everything before as read for Erin, so only Dave's answer below is new to her.
  await sendByApi(erin, chat.id, 'catching up');
  await sendByApi(dave, chat.id, 'back to the first one', firstId);

  const page = await (await messenger.browser.newContext({ viewport: { width: 1000, height: 700 } })).newPage();
  await page.goto(`${messenger.server.url}/login`);
  await page.getByLabel('Username').fill('erin');
  await page.getByLabel('Password').fill('a long password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/chats$/);
  await page.goto(`${messenger.server.url}/chats/${chat.id}`);

  // Opens at the first unread message, the newest one here, under the "New messages" line. (The app loads first:
  // on a loaded machine that alone took 0.8 to 1.4 s, over expect.poll's default second.)
  await expect.poll(() => onScreen(page, 'back to the first one'), { timeout: 5_000 }).toBe(true);
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
  await page.goto(`${messenger.server.url}/chats/${chat.id}/messages/${firstId}`);
  await expect.poll(() => onScreen(page, 'history 1')).toBe(true);
});
