import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { MessengerServer } from './messenger-server';

let server: MessengerServer;
let browser: Browser;

beforeAll(async () => {
  server = await MessengerServer.create();
  await server.start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function register(page: Page, username: string, displayName: string): Promise<void> {
  await page.goto(`${server.url}/register`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill('a long password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/chats$/);
}

const messageLog = (page: Page) => page.getByRole('log', { name: 'Messages' });

it('two people register, become contacts and chat live; the message survives reloads and a restart', async () => {
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await register(alice, 'alice', 'Alice Liddell');
  await register(bob, 'bob', 'Bob Builder');

  // Alice finds Bob by name and asks to connect.
  await alice.getByRole('link', { name: 'Contacts' }).click();
  await alice.getByLabel('Search users').fill('bob');
  await alice.getByRole('button', { name: 'Add bob' }).click();

  // Bob accepts, from the tab of requests waiting for him.
  await bob.getByRole('link', { name: 'Contacts' }).click();
  await bob.getByRole('tab', { name: /^Incoming/ }).click();
  await bob.getByRole('button', { name: 'Accept alice' }).click();

  // Alice opens the chat with Bob.
  await alice.reload();
  await alice.getByRole('button', { name: 'Message Bob Builder' }).click();
  await alice.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  const chatUrl = alice.url();

  await bob.goto(chatUrl);
  await expect.poll(() => messageLog(bob).isVisible()).toBe(true);

  // Alice types "hello"; Bob sees it appear without reloading.
  const composer = alice.getByRole('textbox', { name: 'Message' });
  await composer.fill('hello');
  const sentAt = Date.now();
  await composer.press('Enter');
  await messageLog(bob).getByText('hello', { exact: true }).waitFor({ timeout: 5_000 });
  const latencyMs = Date.now() - sentAt;
  console.log(`"hello" reached Bob's screen ${latencyMs} ms after Alice pressed Enter`);
  expect(latencyMs).toBeLessThan(1_000);
  await expect.poll(() => composer.inputValue()).toBe('');

  // Still there after both reload…
  for (const page of [alice, bob]) {
    await page.reload();
    await messageLog(page).getByText('hello', { exact: true }).waitFor();
  }

  // …and after the server restarts.
  await server.stop();
  await server.start();
  for (const page of [alice, bob]) {
    await page.reload();
    await messageLog(page).getByText('hello', { exact: true }).waitFor();
  }
});
