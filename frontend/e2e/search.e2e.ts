import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ALICE, BOB, messageLog, messageRow, PASSWORD, registerContacts, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

const highlightedMessage = (page: Page) => messageLog(page).locator('[aria-current="true"]');

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await messageRow(page, text).waitFor();
}

it('finds a message without typing its accent, opens it from the result, and its link works for members only', async () => {
  const [alice, bob] = await registerContacts(messenger, ALICE, BOB);
  await alice.getByRole('tab', { name: /^Contacts/ }).click();
  await alice.getByRole('button', { name: 'Message Bob Builder' }).click();
  await send(alice, 'Good morning!');
  await send(alice, 'Shall we meet at the café near the station?');
  await bob
    .getByRole('list', { name: 'Chat list' })
    .getByRole('link', { name: /Alice Liddell/ })
    .click();
  await send(bob, 'Sounds good, see you at ten');
  await messageRow(alice, 'Sounds good, see you at ten').waitFor();

  // Ctrl+K from the chat, then typing: the search box has the focus.
  await alice.keyboard.press('Control+k');
  const searchBox = alice.getByRole('searchbox', { name: 'Search messages' });
  await searchBox.waitFor();
  await expect.poll(() => searchBox.evaluate((input) => input === document.activeElement)).toBe(true);
  await alice.keyboard.type('cafe');
  const result = alice
    .getByRole('list', { name: 'Search results' })
    .getByRole('link', { name: /café near the station/ });
  await result.waitFor();
  expect(await result.locator('mark').allTextContents()).toEqual(['café']);
  await alice.getByText('1 result', { exact: true }).waitFor();
  expect(alice.url()).toMatch(/\/search\?q=cafe$/);

  await result.click();
  await alice.waitForURL(/\/chats\/[^/]+\/messages\/[^/]+$/);
  await expect.poll(() => highlightedMessage(alice).textContent()).toContain('café near the station');
  const messageUrl = alice.url();
  const chatUrl = messageUrl.replace(/\/messages\/[^/]+$/, '');

  // Someone signed out is asked to sign in first, then lands on the message.
  const visitor = await messenger.newPage();
  await visitor.goto(messageUrl);
  await visitor.waitForURL(/\/login$/);
  await visitor.getByLabel('Username').fill('alice');
  await visitor.getByLabel('Password').fill(PASSWORD);
  await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visitor.waitForURL(messageUrl);
  await expect.poll(() => highlightedMessage(visitor).textContent()).toContain('café near the station');

  // Someone who is not in the chat learns nothing of it.
  const carol = await messenger.newPage();
  await messenger.register(carol, 'carol', 'Carol Danvers');
  for (const url of [chatUrl, messageUrl]) {
    await carol.goto(url);
    await carol.getByRole('heading', { name: 'Chat not found' }).waitFor();
    expect(await carol.getByText('café').count()).toBe(0);
  }
});
