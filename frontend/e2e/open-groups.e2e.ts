import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothSchemes } from './accessibility';
import { messageLog, messageRow, setUpMessenger } from './fixture';
import { expectNoHorizontalOverflow, openBrowser, signIn, stepsSharingState } from './tour-support';

/**
 * Open groups, as two people who are not contacts: Olga opens groups anyone can join; Jack finds one under Browse
 * groups, joins it and talks with her; she makes it private again. In both colour schemes, and on a phone.
 */
const messenger = setUpMessenger();
let olga: Page | undefined;
let jack: Page | undefined;
const step = stepsSharingState(() => ({ olga, jack }));

const started = (page: Page | undefined): Page => {
  if (!page) throw new Error('an earlier step did not open this page');
  return page;
};

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await messageRow(page, text).last().waitFor();
}

async function createOpenGroup(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Chats', exact: true }).click();
  await page.getByRole('button', { name: 'New group' }).click();
  const dialog = page.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill(name);
  await dialog.getByRole('radio', { name: 'Open' }).check();
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await messageLog(page).getByText(`Olga Owner created the open group "${name}"`).waitFor();
}

step('an owner creates open groups, choosing it in the new-group dialog', async () => {
  olga = await openBrowser(messenger);
  jack = await openBrowser(messenger);
  await messenger.register(olga, 'olga', 'Olga Owner');
  await messenger.register(jack, 'jack', 'Jack Joiner');
  await olga.getByRole('button', { name: 'New group' }).click();
  await expectAccessibleInBothSchemes(olga, 'new group dialog with the visibility choice');
  await olga.getByRole('dialog', { name: 'New group' }).getByRole('button', { name: 'Cancel' }).click();
  await createOpenGroup(olga, 'Book club');
  await createOpenGroup(olga, 'Chess night');
});

step('someone who is not her contact finds a group under Browse groups and joins it', async () => {
  const page = started(jack);
  await page.getByRole('link', { name: 'Groups' }).click();
  await page.getByRole('heading', { name: 'Browse groups' }).waitFor();
  const list = page.getByRole('list', { name: 'Open groups' });
  await list.getByRole('button', { name: 'Join Chess night' }).waitFor();
  await expectAccessibleInBothSchemes(page, 'browse groups');

  await page.getByRole('searchbox', { name: 'Search open groups' }).fill('BOOK');
  await list.getByRole('button', { name: 'Join Chess night' }).waitFor({ state: 'detached' });
  expect(await list.getByRole('listitem').allTextContents()).toEqual([
    expect.stringContaining('Book club1 member · owner Olga Owner'),
  ]);
  await list.getByRole('button', { name: 'Join Book club' }).click();
  await page.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'Book club' }).waitFor();
  await messageLog(page).getByText('Jack Joiner joined the group').waitFor();
  // The whole history is his to read.
  await messageLog(page).getByText('Olga Owner created the open group "Book club"').waitFor();
});

step('the owner sees the new member arrive live, and messages flow both ways', async () => {
  const owner = started(olga);
  const member = started(jack);
  await owner.getByRole('link', { name: /Book club/ }).click();
  await messageLog(owner).getByText('Jack Joiner joined the group').waitFor({ timeout: 5_000 });
  await send(owner, 'Welcome, Jack! This month: Dune.');
  await messageRow(member, 'Welcome, Jack! This month: Dune.').waitFor({ timeout: 5_000 });
  await send(member, 'Thanks, I am halfway through');
  await messageRow(owner, 'Thanks, I am halfway through').waitFor({ timeout: 5_000 });
});

step('the owner makes the group private from its group info; members are told', async () => {
  const owner = started(olga);
  await owner.getByRole('button', { name: 'Group info' }).click();
  const panel = owner.getByRole('dialog', { name: 'Group info' });
  const choice = panel.getByRole('group', { name: 'Who can join' });
  expect(await choice.getByRole('radio', { name: 'Open' }).isChecked()).toBe(true);
  await expectAccessibleInBothSchemes(owner, 'group info with the visibility choice');
  // The choice moves once the server has taken it (a click, not check(): that expects it to move at once).
  await choice.getByRole('radio', { name: 'Private' }).click();
  await messageLog(started(jack)).getByText('Olga Owner made the group private').waitFor({ timeout: 5_000 });
  await expect.poll(() => choice.getByRole('radio', { name: 'Private' }).isChecked()).toBe(true);
});

step('Browse groups fits a phone, in both colour schemes', async () => {
  const phone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(phone, messenger.server.url, 'jack');
  await expectNoHorizontalOverflow(phone);
  await phone.getByRole('link', { name: 'Groups' }).click();
  await phone.getByRole('list', { name: 'Open groups' }).getByRole('button', { name: 'Join Chess night' }).waitFor();
  // Book club is private now, and Jack is in it anyway: only Chess night is left to join.
  expect(await phone.getByRole('list', { name: 'Open groups' }).getByRole('listitem').count()).toBe(1);
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: browse groups');
  await phone.getByRole('link', { name: 'Back to chat list' }).click();
  await phone.waitForURL(/\/chats$/);

  // The first account is the admin: six entries in the main navigation, still as wide as the phone.
  const adminPhone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(adminPhone, messenger.server.url, 'olga');
  await adminPhone.getByRole('link', { name: 'Admin' }).waitFor();
  await expectNoHorizontalOverflow(adminPhone);
});
