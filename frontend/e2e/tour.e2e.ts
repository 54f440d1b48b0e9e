/**
 * A walk through every feature of the seed README, as three people in browsers of their own, checking every screen
 * with axe (light and dark) on the way and taking the README's screenshots (e2e/artifacts/; with
 * UPDATE_DOCS_SCREENSHOTS=1 also docs/screenshots/). The steps share the people and their chats, in order.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, expectAccessibleInBothSchemes, useColorScheme } from './accessibility';
import { ALICE, BOB, drawPng, messageLog, messageRow, PASSWORD, setUpMessenger, type Person } from './fixture';
import {
  allowHidingTheTab,
  chatHeader,
  chatLink,
  chatList,
  clickNotification,
  composer,
  contactRow,
  connectionStatus,
  deleteMessage,
  expectNoHorizontalOverflow,
  messageAction,
  observeNotifications,
  openBrowser,
  screenshot,
  send,
  shownNotifications,
  setTabHidden,
  signIn,
  stepsSharingState,
} from './tour-support';

const messenger = setUpMessenger();
const CAROL: Person = { username: 'carol', displayName: 'Carol Singer' };
const CHAT_URL = /\/chats\/[0-9a-f-]{36}$/;

// The people's pages (bobTab: a second tab of Bob's browser) and their chats, from step to step.
let alice: Page, bob: Page, bobTab: Page, carol: Page;
let directChatUrl = '';
let groupUrl = '';

// What everyone saw when a step failed is saved as artifacts/failed-<who>.png.
const step = stepsSharingState(() => ({ alice, bob, bobTab, carol }));

step('signs three people up and makes them contacts; sign-in and sign-up say what went wrong', async () => {
  [alice, bob, carol] = await Promise.all([
    openBrowser(messenger),
    // Bob allows desktop notifications; the app's own prompt for them shows to the others.
    openBrowser(messenger, { permissions: ['notifications'] }),
    openBrowser(messenger),
  ]);
  await bob.context().addInitScript(observeNotifications);
  await bob.context().addInitScript(allowHidingTheTab);

  await alice.goto(`${messenger.server.url}/login`);
  await expectAccessibleInBothSchemes(alice, 'login');
  await alice.getByLabel('Username').fill(ALICE.username);
  await alice.getByLabel('Password').fill(PASSWORD);
  await alice.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => alice.getByRole('alert').textContent()).toMatch(/\S/);
  await expectAccessible(alice, 'login with an error');
  await alice.getByRole('link', { name: 'Create an account' }).click();
  await alice.waitForURL(/\/register$/);
  await expectAccessibleInBothSchemes(alice, 'register');

  await messenger.register(alice, ALICE.username, ALICE.displayName);
  await messenger.register(bob, BOB.username, BOB.displayName);
  // Carol first tries a name that is taken.
  await carol.goto(`${messenger.server.url}/register`);
  await carol.getByLabel('Username').fill(ALICE.username);
  await carol.getByLabel('Password').fill(PASSWORD);
  await carol.getByRole('button', { name: 'Create account' }).click();
  await carol.getByRole('alert').filter({ hasText: 'That username is already taken' }).waitFor();
  await expectAccessible(carol, 'register with an error');
  await messenger.register(carol, CAROL.username, CAROL.displayName);
  await carol.getByText('No chats yet').waitFor();
  await expectAccessibleInBothSchemes(carol, 'chat list, empty');

  // Alice finds both by name and asks; they accept from their incoming requests.
  await alice.getByRole('link', { name: 'Contacts', exact: true }).click();
  for (const person of [BOB, CAROL]) {
    await alice.getByLabel('Search users').fill(person.username);
    await alice.getByRole('button', { name: `Add ${person.username}` }).click();
  }
  await alice.getByRole('tab', { name: 'Outgoing (2)' }).click();
  await expectAccessibleInBothSchemes(alice, 'contacts, outgoing requests');
  for (const page of [bob, carol]) {
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('tab', { name: 'Incoming (1)' }).click();
    if (page === bob) await expectAccessibleInBothSchemes(bob, 'contacts, incoming requests');
    await page.getByRole('button', { name: `Accept ${ALICE.username}` }).click();
  }

  // Alice's list follows live, with who is online.
  await alice.getByRole('tab', { name: 'Contacts (2)' }).click();
  for (const person of [BOB, CAROL]) {
    await contactRow(alice, person.displayName).getByRole('img', { name: 'Online' }).waitFor();
  }
  await expectAccessibleInBothSchemes(alice, 'contacts');
  await screenshot(alice, 'contacts');
});

step('chats directly: formatting, receipts, typing, reply, image, edit, delete and a reaction', async () => {
  await alice.getByRole('button', { name: `Message ${BOB.displayName}` }).click();
  await alice.waitForURL(CHAT_URL);
  directChatUrl = alice.url();
  await chatHeader(alice).getByText('Online').waitFor();
  await bob.getByRole('link', { name: 'Chats', exact: true }).click();

  // The toolbar wraps the selection in the markup; what is sent shows formatted, and HTML stays text.
  await composer(alice).fill('Saturday');
  await composer(alice).press('Control+a');
  await alice.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }).click();
  await expect.poll(() => composer(alice).inputValue()).toBe('**Saturday**');
  await send(alice, 'Hiking on **Saturday**, _weather permitting_ <b>ok?</b>', 'Hiking on Saturday');

  // Delivered to Bob's device while he looks at his chat list; read once he opens the chat.
  const question = messageRow(alice, 'Hiking on');
  await question.getByRole('img', { name: 'Delivered' }).waitFor();
  await chatLink(bob, new RegExp(ALICE.displayName)).getByText('1 unread').waitFor();
  await expectAccessibleInBothSchemes(bob, 'chat list with an unread chat');
  await chatLink(bob, new RegExp(ALICE.displayName)).click();
  await question.getByRole('img', { name: 'Read' }).waitFor();
  const received = messageRow(bob, 'Hiking on');
  await received.waitFor();
  expect(await received.locator('strong').allTextContents()).toEqual(['Saturday']);
  expect(await received.locator('em').allTextContents()).toEqual(['weather permitting']);
  await received.getByText('<b>ok?</b>', { exact: false }).waitFor();
  expect(await received.locator('b').count()).toBe(0);

  // Bob types: Alice sees it until he sends.
  await composer(bob).pressSequentially('Count me in', { delay: 20 });
  const typing = alice.getByRole('status').filter({ hasText: `${BOB.displayName} is typing…` });
  await typing.waitFor();
  await composer(bob).press('Enter');
  await typing.waitFor({ state: 'detached' });
  await messageRow(alice, 'Count me in').waitFor();

  // Alice answers with a quote, then a picture with a caption.
  await messageAction(alice, 'Count me in', 'Reply to message');
  await alice.getByText(`Replying to ${BOB.displayName}`).waitFor();
  await send(alice, 'Great, meet at 10?');
  const quote = messageRow(bob, 'Great, meet at 10?').getByRole('button', { name: 'Jump to quoted message' });
  expect(await quote.textContent()).toContain('Count me in');
  await alice
    .getByLabel('Attach image')
    .setInputFiles({ name: 'map.png', mimeType: 'image/png', buffer: await drawPng(alice) });
  await alice.getByRole('img', { name: 'map.png' }).waitFor();
  await send(alice, 'the meeting point');
  const thumbnail = messageLog(bob).getByRole('img', { name: 'the meeting point' });
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);

  // ArrowUp in the empty composer edits Alice's last text message; Bob sees the edit.
  await composer(alice).press('ArrowUp');
  const editor = alice.getByLabel('Edit message text');
  await expect.poll(() => editor.inputValue()).toBe('Great, meet at 10?');
  await editor.fill('Great, meet at 11?');
  await editor.press('Enter');
  await messageRow(bob, 'Great, meet at 11?').getByText('edited').waitFor();

  // A message sent by mistake is deleted for both.
  await send(alice, 'sorry, wrong chat');
  await messageRow(bob, 'sorry, wrong chat').waitFor();
  await deleteMessage(alice, 'sorry, wrong chat');
  await messageLog(bob).getByText('This message was deleted').waitFor();
  expect(await messageLog(bob).getByText('sorry, wrong chat').count()).toBe(0);

  // Bob likes the plan; Alice sees the reaction.
  await messageAction(bob, 'Great, meet at 11?', 'React to message');
  await bob.getByRole('button', { name: 'React with 👍' }).click();
  await messageRow(alice, 'Great, meet at 11?').getByRole('button', { name: '👍 1 reaction' }).waitFor();

  await expectAccessibleInBothSchemes(alice, 'direct chat');
  await screenshot(alice, 'direct-chat');
  await useColorScheme(alice, 'dark');
  await screenshot(alice, 'direct-chat-dark');
  await useColorScheme(alice, 'light');

  await chatHeader(alice).getByRole('link', { name: 'View profile' }).click();
  await alice.getByRole('heading', { name: BOB.displayName }).waitFor();
  await expectAccessibleInBothSchemes(alice, 'user profile');
});

step('makes a group, adds a member who sees its history, and shows who read what', async () => {
  await alice.getByRole('link', { name: 'Chats', exact: true }).click();
  await alice.getByRole('button', { name: 'New group' }).click();
  const dialog = alice.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill('Weekend trip');
  await dialog.getByRole('checkbox', { name: BOB.displayName }).check();
  await expectAccessible(alice, 'new group dialog');
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await alice.waitForURL(CHAT_URL);
  groupUrl = alice.url();
  await send(alice, 'Who brings the tent?');

  // Carol joins later, from the group's info panel, and still reads what was said before.
  await chatHeader(alice).getByRole('button', { name: 'Group info' }).click();
  const info = alice.getByRole('dialog', { name: 'Group info' });
  await info.getByRole('button', { name: 'Add members' }).click();
  await info.getByRole('checkbox', { name: CAROL.displayName }).check();
  await info.getByRole('button', { name: 'Add to group' }).click();
  await info.getByRole('button', { name: `Remove ${CAROL.displayName}` }).waitFor();
  await messageLog(alice).getByText(`${ALICE.displayName} added ${CAROL.displayName}`).waitFor();
  for (const page of [bob, carol]) {
    await page.getByRole('link', { name: 'Chats', exact: true }).click();
    await chatLink(page, /Weekend trip/).click();
    await messageRow(page, 'Who brings the tent?').waitFor();
  }
  await send(carol, 'I have one!');
  await messageRow(bob, 'I have one!').waitFor();
  // Both have the chat open: Alice's question is read by both.
  await messageRow(alice, 'Who brings the tent?').getByRole('button', { name: 'Read by 2' }).waitFor();

  await expectAccessibleInBothSchemes(alice, 'group chat with the info panel');
  await screenshot(alice, 'group-info');
  await info.getByRole('button', { name: 'Close' }).click();
  await info.waitFor({ state: 'detached' });
  await expectAccessibleInBothSchemes(carol, 'group chat');
});

step('searches with Ctrl+K, follows a deep link, and keeps strangers out', async () => {
  await alice.keyboard.press('Control+k');
  const searchBox = alice.getByRole('searchbox', { name: 'Search messages' });
  await expect.poll(() => searchBox.evaluate((input) => input === document.activeElement)).toBe(true);
  await alice.keyboard.type('tent');
  const result = alice.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /brings the tent/ });
  await result.waitFor();
  await expectAccessibleInBothSchemes(alice, 'search');
  await screenshot(alice, 'search');
  await result.click();
  await alice.waitForURL(/\/chats\/[^/]+\/messages\/[^/]+$/);
  const highlighted = (page: Page) => messageLog(page).locator('[aria-current="true"]');
  await expect.poll(() => highlighted(alice).textContent()).toContain('Who brings the tent?');

  // The link opens the message for another member…
  await bob.goto(alice.url());
  await expect.poll(() => highlighted(bob).textContent()).toContain('Who brings the tent?');
  // …and tells someone outside the chat nothing.
  await carol.goto(directChatUrl);
  await carol.getByRole('heading', { name: 'Chat not found' }).waitFor();
  await expectAccessibleInBothSchemes(carol, 'chat not found');
  await carol.goto(`${messenger.server.url}/users/00000000-0000-4000-8000-000000000000`);
  await carol.getByRole('heading', { name: 'Profile unavailable' }).waitFor();
  await expectAccessible(carol, 'user profile not found');

  await alice.getByRole('link', { name: 'Profile', exact: true }).click();
  await alice.getByLabel('Display name').waitFor();
  await expectAccessibleInBothSchemes(alice, 'settings');
  await screenshot(alice, 'settings');
  // Carol closes her browser; the others see her go offline (after the server's grace period).
  await carol.context().close();
});

step('reaches every tab, switches chats with Alt+arrows, notifies in the background unless muted', async () => {
  await alice.getByRole('link', { name: 'Contacts', exact: true }).click();
  await contactRow(alice, CAROL.displayName).getByRole('img', { name: 'Offline' }).waitFor({ timeout: 15_000 });
  await contactRow(alice, BOB.displayName).getByRole('img', { name: 'Online' }).waitFor();

  // Alt+Down / Alt+Up walk the chat list (newest first: the group, then Bob).
  await alice.goto(groupUrl);
  await messageRow(alice, 'I have one!').waitFor();
  // The shortcut walks the chat list: it has to be there (it loads beside the messages, not before them).
  await chatLink(alice, new RegExp(BOB.displayName)).waitFor();
  const chatTitle = (name: string) => chatHeader(alice).getByRole('heading', { name, exact: true });
  for (const [key, url, title] of [
    ['Alt+ArrowDown', directChatUrl, BOB.displayName],
    ['Alt+ArrowUp', groupUrl, 'Weekend trip'],
    ['Alt+ArrowDown', directChatUrl, BOB.displayName],
  ] as const) {
    await alice.keyboard.press(key);
    await alice.waitForURL(url);
    await chatTitle(title).waitFor();
  }

  // Bob has the chat open in a second tab of his browser: both tabs receive.
  bobTab = await messenger.newPage(bob.context());
  await bobTab.goto(directChatUrl);
  await bob.getByRole('link', { name: 'Chats', exact: true }).click();
  await send(alice, 'Two tabs, one Bob');
  await messageRow(bobTab, 'Two tabs, one Bob').waitFor();
  const preview = (text: string) => chatLink(bob, new RegExp(ALICE.displayName)).getByText(text);
  await preview('Two tabs, one Bob').waitFor();

  // Bob works in the new tab; in the first one, hidden behind it, a message becomes a desktop notification.
  await setTabHidden(bob, true);
  await send(alice, 'Are you there?');
  await expect
    .poll(() => shownNotifications(bob))
    .toEqual([{ title: ALICE.displayName, body: 'Are you there?', tag: expect.any(String) }]);
  await messageRow(bobTab, 'Are you there?').waitFor();
  expect(await shownNotifications(bobTab)).toEqual([]);

  // Muted, the chat notifies no more (the chat list shows the message: the notification would have come with it);
  // unmuted, it does again.
  await setTabHidden(bob, false);
  const aliceItem = chatList(bob).getByRole('listitem').filter({ hasText: ALICE.displayName });
  const mute = aliceItem.getByRole('button', { name: 'Mute notifications' });
  await mute.click();
  await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('true');
  await aliceItem.getByRole('img', { name: 'Muted' }).waitFor();
  await setTabHidden(bob, true);
  await send(alice, 'Quietly now');
  await preview('Quietly now').waitFor();
  expect(await shownNotifications(bob)).toHaveLength(1);
  await setTabHidden(bob, false);
  await mute.click();
  await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('false');
  await setTabHidden(bob, true);
  await send(alice, 'Loud again');
  await expect
    .poll(async () => (await shownNotifications(bob)).map(({ body }) => body))
    .toEqual(['Are you there?', 'Loud again']);
});

step('reconnects after the server restarts, losing nothing sent meanwhile', async () => {
  await messenger.server.stop();
  await connectionStatus(alice, 'Connecting…').waitFor();
  await composer(alice).fill('Sent while the server was down');
  await composer(alice).press('Enter');
  await messageRow(alice, 'Sent while the server was down').getByText('Sending…').waitFor();
  await messenger.server.start();

  await messageRow(bobTab, 'Sent while the server was down').waitFor({ timeout: 20_000 });
  await messageRow(alice, 'Sent while the server was down')
    .getByRole('img', { name: /Delivered|Read/ })
    .waitFor({ timeout: 10_000 });
  await send(alice, 'And after the restart');
  await messageRow(bobTab, 'And after the restart').waitFor({ timeout: 5_000 });
  expect(await messageRow(bobTab, 'Sent while the server was down').count()).toBe(1);
});

step('fits a phone: the chat list alone, a chat with the way back, nothing wider than the screen', async () => {
  const phone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(phone, messenger.server.url, ALICE.username);
  const list = chatList(phone);
  await list.waitFor();
  expect(await phone.getByRole('log', { name: 'Messages' }).count()).toBe(0);
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: chat list');
  await screenshot(phone, 'phone-chat-list');

  await chatLink(phone, new RegExp(BOB.displayName)).click();
  await messageRow(phone, 'And after the restart').waitFor();
  await expect.poll(() => list.isVisible()).toBe(false);
  const back = phone.getByRole('link', { name: 'Back to chat list' });
  await back.waitFor();
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: direct chat');
  await screenshot(phone, 'phone-chat');

  await back.click();
  await phone.waitForURL(/\/chats$/);
  await list.waitFor();
  await expect.poll(() => messageLog(phone).count()).toBe(0);
});

// Last, as it fails today (reported): the chat of a message that arrived while it was closed opens empty.
step('a click on a desktop notification opens its message', async () => {
  await clickNotification(bob, 0);
  await bob.waitForURL(/\/chats\/[^/]+\/messages\/[^/]+$/);
  await setTabHidden(bob, false);
  await messageLog(bob)
    .locator('[aria-current="true"]')
    .filter({ hasText: 'Are you there?' })
    .waitFor({ timeout: 10_000 });
});
