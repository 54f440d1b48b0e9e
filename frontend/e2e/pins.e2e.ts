import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothSchemes } from './accessibility';
import { directChatByApi, registerByApi, sendByApi } from './api';
import { ALICE, BOB, messageLog, messageRow, setUpMessenger } from './fixture';
import {
  chatHeader,
  expectNoHorizontalOverflow,
  openBrowser,
  screenshot,
  signIn,
  stepsSharingState,
} from './tour-support';

const messenger = setUpMessenger();

let alice: Page | undefined;
let bob: Page | undefined;
let chatPath = '';
let planId = '';
const step = stepsSharingState(() => ({ alice, bob }));
const opened = (page: Page | undefined): Page => {
  if (!page) throw new Error('an earlier step did not open this page');
  return page;
};

const THE_PLAN = 'The plan: ship on Friday, freeze on Thursday';
/** More than the newest page (50): the plan is not loaded when the chat opens. */
const LATER_MESSAGES = 60;

const pinsButton = (page: Page, count: number) =>
  chatHeader(page).getByRole('button', { name: `${count} pinned ${count === 1 ? 'message' : 'messages'}` });
const pinsPanel = (page: Page) => page.getByRole('dialog', { name: 'Pinned messages' });
/** The mark beside the time of a pinned message ("Pinned", and by whom in its title). */
const pinnedMark = (page: Page, text: string) =>
  messageRow(page, text)
    .first()
    .getByTitle(/^Pinned/);
const highlighted = (page: Page) => messageLog(page).locator('[aria-current="true"]');

async function pinFromMenu(page: Page, text: string, action: 'Pin message' | 'Unpin message'): Promise<void> {
  const row = messageRow(page, text).last();
  await row.hover();
  await row.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

step('two people in a chat whose beginning is far above the newest messages', async () => {
  const url = messenger.server.url;
  const [ann, bill] = [
    await registerByApi(url, ALICE.username, ALICE.displayName),
    await registerByApi(url, BOB.username, BOB.displayName),
  ];
  const chatId = await directChatByApi(url, ann, bill);
  planId = await sendByApi(url, ann, chatId, THE_PLAN);
  for (let n = 1; n <= LATER_MESSAGES; n += 1) await sendByApi(url, n % 2 ? bill : ann, chatId, `chatter ${n}`);
  chatPath = `/chats/${chatId}`;

  alice = await openBrowser(messenger);
  bob = await openBrowser(messenger);
  for (const [page, who] of [
    [alice, ALICE],
    [bob, BOB],
  ] as const) {
    await signIn(page, url, who.username);
    await page.goto(`${url}${chatPath}`);
    await messageRow(page, `chatter ${LATER_MESSAGES}`).waitFor();
  }
  // No pins yet: no button for them.
  expect(
    await chatHeader(opened(alice))
      .getByRole('button', { name: /pinned message/ })
      .count(),
  ).toBe(0);
});

step('Alice pins a message; Bob sees it pinned, the note saying who pinned it, and the count, live', async () => {
  const [ann, bill] = [opened(alice), opened(bob)];
  await pinFromMenu(ann, `chatter ${LATER_MESSAGES}`, 'Pin message');
  await pinnedMark(ann, `chatter ${LATER_MESSAGES}`).waitFor();

  await pinsButton(bill, 1).waitFor();
  await pinnedMark(bill, `chatter ${LATER_MESSAGES}`).waitFor();
  await messageLog(bill).getByText(`${ALICE.displayName} pinned a message`).waitFor();
});

step('Bob pins the plan from far up the history; Alice’s panel lists it first and jumps to it', async () => {
  const [ann, bill] = [opened(alice), opened(bob)];
  // Bob reaches the plan by its link (as from search) and pins it there.
  await bill.goto(`${messenger.server.url}${chatPath}/messages/${planId}`);
  await expect.poll(() => highlighted(bill).textContent()).toContain(THE_PLAN);
  await pinFromMenu(bill, THE_PLAN, 'Pin message');
  await pinnedMark(bill, THE_PLAN).waitFor();

  // Alice is at the newest messages: the plan is not loaded there, yet the count follows at once.
  await pinsButton(ann, 2).click();
  const items = pinsPanel(ann).getByRole('listitem');
  await expect.poll(() => items.count()).toBe(2);
  expect(await items.first().textContent()).toContain(THE_PLAN);
  expect(await items.first().textContent()).toContain(`Pinned by ${BOB.displayName}`);
  await expectAccessibleInBothSchemes(ann, 'chat with the pinned messages panel');
  await screenshot(ann, 'pinned-messages', false);

  await pinsPanel(ann)
    .getByRole('link', { name: `Show in chat: ${THE_PLAN}` })
    .click();
  await ann.waitForURL(new RegExp(`${chatPath}/messages/${planId}$`));
  await expect.poll(() => highlighted(ann).textContent()).toContain(THE_PLAN);
  await pinnedMark(ann, THE_PLAN).waitFor();
  // Wide enough for the panel to sit beside the messages: it stays open.
  await pinsPanel(ann).waitFor();
});

step('on a phone the panel opens over the chat, fits, and gets out of the way of the message it leads to', async () => {
  const phone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(phone, messenger.server.url, BOB.username);
  await phone.goto(`${messenger.server.url}${chatPath}`);
  await pinsButton(phone, 2).click();
  await pinsPanel(phone).getByRole('listitem').nth(1).waitFor();
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: pinned messages panel');
  await screenshot(phone, 'phone-pinned-messages', false);

  await pinsPanel(phone)
    .getByRole('link', { name: `Show in chat: chatter ${LATER_MESSAGES}` })
    .click();
  await expect.poll(() => pinsPanel(phone).count()).toBe(0);
  await expect.poll(() => highlighted(phone).textContent()).toContain(`chatter ${LATER_MESSAGES}`);
  await phone.close();
});

step('Alice unpins the plan from the panel; Bob’s count follows live', async () => {
  const [ann, bill] = [opened(alice), opened(bob)];
  await pinsPanel(ann)
    .getByRole('listitem')
    .filter({ hasText: THE_PLAN })
    .getByRole('button', { name: 'Unpin message' })
    .click();
  await expect.poll(() => pinsPanel(ann).getByRole('listitem').count()).toBe(1);
  await expect.poll(() => pinnedMark(ann, THE_PLAN).count()).toBe(0);
  await pinsButton(bill, 1).waitFor();
});
