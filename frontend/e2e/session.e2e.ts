import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORD, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

/** Submits the login form once and waits for the server's answer, whatever it is. */
async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
}

const chatList = (page: Page) => page.getByRole('list', { name: 'Chat list' });

it('stays signed in across sign-out, sign-in and a browser restart; another device can sign it out', async () => {
  const alice = await messenger.newPage();
  const bob = await messenger.newPage();
  await messenger.register(alice, 'alice', 'Alice Liddell');
  await messenger.register(bob, 'bob', 'Bob Builder');

  // Give Alice a chat, so that "sees her chat list" means something.
  await alice.getByRole('link', { name: 'Contacts', exact: true }).click();
  await alice.getByLabel('Search users').fill('bob');
  await alice.getByRole('button', { name: 'Add bob' }).click();
  await bob.getByRole('link', { name: 'Contacts', exact: true }).click();
  await bob.getByRole('tab', { name: /^Incoming/ }).click();
  await bob.getByRole('button', { name: 'Accept alice' }).click();
  await alice.getByRole('tab', { name: /^Contacts/ }).click();
  await alice.getByRole('button', { name: 'Message Bob Builder' }).click();
  await alice.getByRole('textbox', { name: 'Message' }).fill('see you tomorrow');
  await alice.getByRole('textbox', { name: 'Message' }).press('Enter');
  await chatList(alice).getByText('You: see you tomorrow').waitFor();

  // Sign out, then in again.
  await alice.getByRole('button', { name: 'Sign out', exact: true }).click();
  await alice.waitForURL(/\/login$/);
  await expect.poll(() => alice.getByText('You were signed out.').count()).toBe(0);
  await submitLogin(alice, 'alice', PASSWORD);
  await alice.waitForURL(/\/chats$/);

  // "Close the browser": keep only what it stores on disk (the httpOnly refresh cookie among it), then reopen.
  const storageState = await alice.context().storageState();
  expect(storageState.cookies.map((cookie) => [cookie.name, cookie.path, cookie.httpOnly])).toContainEqual([
    'refresh_token',
    '/api/auth',
    true,
  ]);
  await alice.context().close();
  const reopened = await messenger.newPage(await messenger.browser.newContext({ storageState }));
  await reopened.goto(`${messenger.server.url}/chats`);
  await chatList(reopened)
    .getByRole('link', { name: /Bob Builder/ })
    .waitFor();
  await reopened.getByText('Signed in as').waitFor();
  expect(reopened.url()).toMatch(/\/chats$/);

  // Alice signs in on a second device and signs the reopened browser out from there.
  const laptop = await messenger.newPage();
  await laptop.goto(`${messenger.server.url}/login`);
  await submitLogin(laptop, 'alice', PASSWORD);
  await laptop.waitForURL(/\/chats$/);
  await laptop.getByRole('link', { name: 'Profile', exact: true }).click();
  const devices = laptop.getByRole('list', { name: 'Signed-in devices' });
  await devices.getByText('This device').waitFor();
  await laptop.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await laptop.getByText('Signed out everywhere else.').waitFor();
  expect(await devices.getByRole('listitem').count()).toBe(1);

  // The reopened browser hears of it at once (its socket is closed) and lands on the login page.
  await reopened.waitForURL(/\/login$/, { timeout: 10_000 });
  await reopened.getByText('You were signed out.').waitFor();
  // The device that did it is still signed in.
  await laptop.reload();
  await laptop.getByLabel('Display name').waitFor();
});

it('after five wrong passwords, the sixth attempt says how long to wait', async () => {
  const page = await messenger.newPage();
  await messenger.register(page, 'carol', 'Carol Danvers');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/login$/);

  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await submitLogin(page, 'carol', 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).not.toMatch(/Too many attempts/);
  }
  await submitLogin(page, 'carol', 'not the password');

  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
  // Blocked for the right password as well, until the window passes.
  await submitLogin(page, 'carol', PASSWORD);
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Too many attempts/);
  expect(page.url()).toMatch(/\/login$/);
});
