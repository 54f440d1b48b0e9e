import { expect, it } from 'vitest';
import { messageLog, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

it('two people register, become contacts and chat live; the message survives reloads and a restart', async () => {
  const alice = await messenger.newPage();
  const bob = await messenger.newPage();
  await messenger.register(alice, 'alice', 'Alice Liddell');
  await messenger.register(bob, 'bob', 'Bob Builder');

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
  await messenger.server.stop();
  await messenger.server.start();
  for (const page of [alice, bob]) {
    await page.reload();
    await messageLog(page).getByText('hello', { exact: true }).waitFor();
  }
});
