import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothSchemes } from './accessibility';
import { ALICE, BOB, messageLog, messageRow, registerContacts, setUpMessenger } from './fixture';
import {
  composer,
  expectNoHorizontalOverflow,
  openBrowser,
  screenshot,
  signIn,
  stepsSharingState,
} from './tour-support';

// Formatting and the emoji picker against the real server in Chromium: Alice sends Markdown (part of it made with
// the toolbar), Bob sees it rendered and reacts with an emoji from the full picker, on a desktop and on a phone.

const messenger = setUpMessenger();

const LONG_LINE = `const summary = ${'"a line far wider than any bubble", '.repeat(6)};`;
const FORMATTED = [
  '**Plan** for _today_:',
  '- ship `v2`',
  '- read [the guide](https://example.com/guide)',
  '',
  '> measure twice',
  '',
  '```',
  LONG_LINE,
  '```',
  '1. first',
  '2. second',
].join('\n');

let alice: Page | undefined;
let bob: Page | undefined;
let phone: Page | undefined;
const step = stepsSharingState(() => ({ alice, bob, phone }));

const started = (page: Page | undefined): Page => {
  if (!page) throw new Error('an earlier step did not open this page');
  return page;
};

const pickerDialog = (page: Page) => page.getByRole('dialog', { name: 'React with any emoji' });

/** Opens the full emoji picker of the message showing `text`, from its toolbar. */
async function openPicker(page: Page, text: string): Promise<void> {
  const row = messageRow(page, text).last();
  await row.hover();
  await row.getByRole('button', { name: 'React to message' }).click();
  await row.getByRole('button', { name: 'More reactions' }).click();
  await pickerDialog(page).getByRole('searchbox', { name: 'Search emoji' }).waitFor();
}

step('Alice sends formatted text, some of it made with the toolbar', async () => {
  [alice, bob] = await registerContacts(messenger, ALICE, BOB);
  await alice.getByRole('link', { name: 'Contacts', exact: true }).click();
  await alice.getByRole('button', { name: `Message ${BOB.displayName}` }).click();
  await alice.waitForURL(/\/chats\/[0-9a-f-]{36}$/);

  await composer(alice).fill(FORMATTED);
  await composer(alice).press('Enter');
  await messageRow(alice, 'measure twice').waitFor();

  // Select-all, then the Code button: the whole line becomes inline code.
  await composer(alice).fill('npm run deploy');
  await composer(alice).press('Control+a');
  await alice.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Code' }).click();
  expect(await composer(alice).inputValue()).toBe('`npm run deploy`');
  await composer(alice).press('Enter');
  await messageLog(alice).locator('code', { hasText: 'npm run deploy' }).waitFor();
});

step('Bob sees it rendered: emphasis, lists, code, a safe link, a quote and a scrolling code block', async () => {
  const page = started(bob);
  await page.goto(started(alice).url());
  const message = messageRow(page, 'measure twice').last();
  await message.waitFor();

  expect(await message.locator('strong').first().textContent()).toBe('Plan');
  expect(await message.locator('em').first().textContent()).toBe('today');
  expect(await message.locator('ul > li').allTextContents()).toEqual(['ship v2', 'read the guide']);
  expect(await message.locator('ul code').textContent()).toBe('v2');
  expect(await message.locator('ol > li').allTextContents()).toEqual(['first', 'second']);
  expect(await message.locator('blockquote').textContent()).toBe('measure twice');

  const link = message.getByRole('link', { name: 'the guide' });
  expect(await link.getAttribute('href')).toBe('https://example.com/guide');
  expect(await link.getAttribute('target')).toBe('_blank');
  expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');

  // The long line scrolls inside its block, in a monospace font, and the block can be reached by the keyboard.
  const block = message.locator('pre');
  expect(await block.textContent()).toBe(`${LONG_LINE}\n`);
  const layout = await block.evaluate((pre) => ({
    scrolls: pre.scrollWidth > pre.clientWidth,
    font: getComputedStyle(pre.querySelector('code') as Element).fontFamily,
    focusable: pre.tabIndex === 0,
  }));
  expect(layout).toMatchObject({ scrolls: true, focusable: true });
  expect(layout.font).toMatch(/mono/i);
  await expectNoHorizontalOverflow(page);

  await messageRow(page, 'npm run deploy').locator('code').waitFor();
  await expectAccessibleInBothSchemes(page, 'chat with formatted messages');
  await screenshot(page, 'formatted-messages');
});

step('Bob reacts with an emoji found by name in the full picker, by keyboard; Alice sees the reaction', async () => {
  const page = started(bob);
  await openPicker(page, 'measure twice');
  await expectAccessibleInBothSchemes(page, 'emoji picker');
  await screenshot(page, 'emoji-picker');

  // "rocket" finds the astronauts (tagged so) in the first category, then 🚀 a row below.
  await page.keyboard.type('rocket');
  await pickerDialog(page).getByRole('gridcell', { name: 'Astronaut', selected: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await pickerDialog(page).getByRole('gridcell', { name: 'Rocket', selected: true }).waitFor();
  await page.keyboard.press('Enter');
  await pickerDialog(page).waitFor({ state: 'detached' });

  const chip = '🚀 1 reaction';
  await messageRow(page, 'measure twice')
    .last()
    .getByRole('button', { name: `${chip}, you reacted` })
    .waitFor();
  await messageRow(started(alice), 'measure twice').last().getByRole('button', { name: chip }).waitFor();
});

step('on a phone, the formatted message fits the screen and the picker is usable and accessible', async () => {
  phone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(phone, messenger.server.url, BOB.username);
  await phone.goto(started(alice).url());
  await messageRow(phone, 'measure twice').last().locator('pre').waitFor();
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: chat with formatted messages');

  await openPicker(phone, 'npm run deploy');
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: emoji picker');
  await screenshot(phone, 'phone-emoji-picker', false);
  await pickerDialog(phone).getByRole('gridcell').first().waitFor();
  await pickerDialog(phone).getByRole('gridcell', { name: 'Grinning face', exact: true }).tap();
  await messageRow(phone, 'npm run deploy')
    .last()
    .getByRole('button', { name: '😀 1 reaction, you reacted' })
    .waitFor();
});
