import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { becomeContacts, messageRow, PASSWORD, registerContacts, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

const OFFLINE_NOTICE = 'You are offline. Messages will be sent when you are back.';
const chatHeader = (page: Page) => page.locator('header:has(#chat-title)');

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${messenger.server.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/chats$/);
}

it('receipts, typing, presence and an offline send, seen live by the other person', async () => {
  const alice = await messenger.newPage();
  const bobContext = await messenger.browser.newContext();
  const bob = await messenger.newPage(bobContext);
  await messenger.register(alice, 'alice', 'Alice Liddell');
  await messenger.register(bob, 'bob', 'Bob Builder');
  await becomeContacts(alice, bob, 'bob', 'alice');

  await alice.getByRole('tab', { name: /^Contacts/ }).click();
  await alice.getByRole('button', { name: 'Message Bob Builder' }).click();
  await alice.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  const chatUrl = alice.url();
  await chatHeader(alice).getByText('Online').waitFor({ timeout: 5_000 });

  // Bob is online but elsewhere: the message reaches his device (delivered), and is read once he opens the chat.
  await bob.goto(`${messenger.server.url}/chats`);
  await send(alice, 'are you there?');
  const sent = messageRow(alice, 'are you there?');
  await sent.getByRole('img', { name: 'Delivered' }).waitFor({ timeout: 5_000 });
  await bob
    .getByRole('link', { name: /Alice Liddell/ })
    .getByText('1 unread')
    .waitFor({ timeout: 5_000 });
  await bob.goto(chatUrl);
  await sent.getByRole('img', { name: 'Read' }).waitFor({ timeout: 5_000 });
  // Reading in one tab clears the badge everywhere (the server's message:read reaches every device).
  await bob
    .getByRole('link', { name: /Alice Liddell/ })
    .getByText('1 unread')
    .waitFor({ state: 'detached' });

  // Bob types; Alice sees it under the messages, and it goes when he sends.
  await bob.getByRole('textbox', { name: 'Message' }).pressSequentially('yes, here', { delay: 30 });
  const typing = alice.getByRole('status').filter({ hasText: 'Bob Builder is typing…' });
  await typing.waitFor({ timeout: 5_000 });
  await bob.getByRole('textbox', { name: 'Message' }).press('Enter');
  await typing.waitFor({ state: 'detached', timeout: 5_000 });
  await messageRow(alice, 'yes, here').waitFor({ timeout: 5_000 });

  // Bob closes his browser: after the server's grace period Alice sees him offline.
  await bobContext.close();
  await chatHeader(alice)
    .getByText(/^Last seen/)
    .waitFor({ timeout: 8_000 });

  // Alice loses the network, writes anyway: the message waits, pending, and goes out once she is back.
  await alice.context().setOffline(true);
  await alice.getByRole('status').filter({ hasText: OFFLINE_NOTICE }).waitFor({ timeout: 5_000 });
  await send(alice, 'sent from a tunnel');
  await messageRow(alice, 'sent from a tunnel').getByText('Sending…').waitFor();

  const bobAgain = await messenger.newPage();
  await signIn(bobAgain, 'bob');
  await bobAgain.goto(chatUrl);
  await messageRow(bobAgain, 'yes, here').waitFor();

  await alice.context().setOffline(false);
  await alice.getByRole('status').filter({ hasText: 'Back online' }).waitFor({ timeout: 10_000 });
  await messageRow(bobAgain, 'sent from a tunnel').waitFor({ timeout: 20_000 });
  await messageRow(alice, 'sent from a tunnel')
    .getByRole('img', { name: /Delivered|Read/ })
    .waitFor({ timeout: 10_000 });
  // Give a duplicate the time to show up, were there one.
  await bobAgain.waitForTimeout(1_500);
  expect(await messageRow(bobAgain, 'sent from a tunnel').count()).toBe(1);
  await bobAgain.reload();
  await messageRow(bobAgain, 'yes, here').waitFor();
  expect(await messageRow(bobAgain, 'sent from a tunnel').count()).toBe(1);
  expect(await messageRow(alice, 'sent from a tunnel').count()).toBe(1);
});

it('a message written while the server is out of reach survives a reload and is sent once it is back', async () => {
  const carolContext = await messenger.browser.newContext();
  const [carol, dave] = await registerContacts(
    messenger,
    { username: 'carol', displayName: 'Carol Singer' },
    { username: 'dave', displayName: 'Dave Grohl' },
    carolContext,
  );
  await carol.getByRole('tab', { name: /^Contacts/ }).click();
  await carol.getByRole('button', { name: 'Message Dave Grohl' }).click();
  await carol.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  await dave.goto(carol.url());

  // The page still loads, but neither the socket nor a message POST gets through.
  let serverReachable = false;
  await carolContext.route('**/socket.io/**', (route) => (serverReachable ? route.continue() : route.abort()));
  await carolContext.route('**/api/chats/*/messages', (route) =>
    serverReachable || route.request().method() !== 'POST' ? route.continue() : route.abort(),
  );
  await carol.reload();
  await carol.getByRole('status').filter({ hasText: 'Connecting…' }).waitFor();
  await send(carol, 'kept in the outbox');
  await messageRow(carol, 'kept in the outbox').getByText('Sending…').waitFor();

  await carol.reload();
  await messageRow(carol, 'kept in the outbox').getByText('Sending…').waitFor({ timeout: 10_000 });

  serverReachable = true;
  await messageRow(dave, 'kept in the outbox').waitFor({ timeout: 20_000 });
  await messageRow(carol, 'kept in the outbox')
    .getByRole('img', { name: /Sent|Delivered|Read/ })
    .waitFor();
  await dave.waitForTimeout(1_500);
  expect(await messageRow(dave, 'kept in the outbox').count()).toBe(1);

  // Nothing is left in the outbox to send again after another reload.
  await carol.reload();
  await messageRow(carol, 'kept in the outbox')
    .getByRole('img', { name: /Sent|Delivered|Read/ })
    .waitFor();
  expect(await messageRow(carol, 'kept in the outbox').count()).toBe(1);
});
