import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessibleInBothSchemes } from './accessibility';
import { ALICE, BOB, becomeContacts, messageLog, messageRow, setUpMessenger } from './fixture';
import { expectNoHorizontalOverflow, openBrowser, screenshot, signIn, stepsSharingState } from './tour-support';

const messenger = setUpMessenger();
let alice: Page | undefined;
let bob: Page | undefined;
const step = stepsSharingState(() => ({ alice, bob }));
const page = (which: Page | undefined): Page => {
  if (!which) throw new Error('an earlier step did not open this page');
  return which;
};

/** A small but real PDF: what a signature check reads is its header. */
const MINUTES = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const fileCard = (reader: Page) => messageLog(reader).getByRole('list', { name: 'Files' });

step('Alice sends a PDF with a caption from the composer', async () => {
  alice = await openBrowser(messenger);
  bob = await openBrowser(messenger);
  await messenger.register(alice, ALICE.username, ALICE.displayName);
  await messenger.register(bob, BOB.username, BOB.displayName);
  await becomeContacts(alice, bob, BOB.username, ALICE.username);
  await alice.getByRole('link', { name: 'Contacts', exact: true }).click();
  await alice.getByRole('button', { name: `Message ${BOB.displayName}` }).click();
  await alice.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  await bob.goto(alice.url());
  await messageLog(bob).waitFor();

  await alice
    .getByLabel('Attach file')
    .setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: MINUTES });
  await alice.getByRole('list', { name: 'Files to send' }).getByText('minutes.pdf').waitFor();
  await alice.getByRole('textbox', { name: 'Message' }).fill('the minutes');
  await alice.getByRole('button', { name: 'Send' }).click();
  await messageRow(alice, 'the minutes').getByRole('button', { name: 'Download minutes.pdf' }).waitFor();
  expect(await alice.getByRole('list', { name: 'Files to send' }).count()).toBe(0);
});

step('Bob sees the file card at once and downloads the file under its name', async () => {
  const reader = page(bob);
  const card = fileCard(reader);
  await card.getByText('minutes.pdf').waitFor({ timeout: 10_000 });
  expect(await card.textContent()).toContain(`PDF · ${MINUTES.length} B`);

  const [download] = await Promise.all([
    reader.waitForEvent('download'),
    card.getByRole('button', { name: 'Download minutes.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('minutes.pdf');
  expect(await readFile(await download.path())).toEqual(MINUTES);
  await screenshot(reader, 'file-card', false);
  await expectAccessibleInBothSchemes(reader, 'chat with a file card');
});

step('a file whose bytes are not what its name says is refused with the reason, and the draft kept', async () => {
  const sender = page(alice);
  await sender
    .getByLabel('Attach file')
    .setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some text') });
  await sender.getByRole('button', { name: 'Send' }).click();
  await sender
    .getByRole('alert')
    .filter({ hasText: 'fake.pdf: The file is not the PDF file that its name or type says' })
    .waitFor();
  await sender.getByRole('list', { name: 'Files to send' }).getByText('fake.pdf').waitFor();
  await expectAccessibleInBothSchemes(sender, 'composer with a refused file');
  await sender.getByRole('button', { name: 'Remove fake.pdf' }).click();
});

step('the file card fits a phone and downloads there too', async () => {
  const phone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(phone, messenger.server.url, BOB.username);
  await phone.goto(page(alice).url());
  const card = fileCard(phone);
  await card.getByText('minutes.pdf').waitFor();
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: chat with a file card');
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    card.getByRole('button', { name: 'Download minutes.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('minutes.pdf');
  await screenshot(phone, 'phone-file-card', false);
});
