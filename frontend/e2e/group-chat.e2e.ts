import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { becomeContacts, messageLog, messageRow, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await messageRow(page, text).last().waitFor();
}

it('three people chat in a group: reply, edit, delete, react and leave, seen live by the others', async () => {
  const [alice, bob, carol] = (await Promise.all([0, 1, 2].map(async () => messenger.newPage()))) as [Page, Page, Page];
  await messenger.register(alice, 'alice', 'Alice Liddell');
  await messenger.register(bob, 'bob', 'Bob Builder');
  await messenger.register(carol, 'carol', 'Carol Singer');
  await becomeContacts(alice, bob, 'bob', 'alice');
  await becomeContacts(alice, carol, 'carol', 'alice');

  // Alice creates the group with both of them.
  await alice.reload();
  await alice.getByRole('button', { name: 'New group' }).click();
  const dialog = alice.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill('Weekend trip');
  await dialog.getByRole('checkbox', { name: 'Bob Builder' }).check();
  await dialog.getByRole('checkbox', { name: 'Carol Singer' }).check();
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await alice.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  await messageLog(alice).getByText('Alice Liddell created the group "Weekend trip"').waitFor();

  // The group shows up in the others' chat lists without a reload.
  for (const page of [bob, carol]) {
    await page.getByRole('link', { name: 'Chats' }).click();
    await page.getByRole('link', { name: /Weekend trip/ }).click();
    await messageLog(page).getByText('created the group', { exact: false }).waitFor();
  }

  await send(alice, 'Who brings the tent?');
  await messageRow(bob, 'Who brings the tent?').waitFor();
  await send(bob, 'I can bring it');
  await messageRow(carol, 'I can bring it').waitFor();

  // Carol answers Alice's question; everyone sees the quote.
  const question = messageRow(carol, 'Who brings the tent?').first();
  await question.hover();
  await question.getByRole('button', { name: 'Reply to message' }).click();
  await carol.getByText('Replying to Alice Liddell').waitFor();
  await send(carol, 'Not me, sorry');
  const answer = messageRow(alice, 'Not me, sorry');
  await answer.getByRole('button', { name: 'Jump to quoted message' }).waitFor();
  expect(await answer.getByRole('button', { name: 'Jump to quoted message' }).textContent()).toContain(
    'Who brings the tent?',
  );

  // Bob corrects himself; Alice sees the edit live.
  const offer = messageRow(bob, 'I can bring it').first();
  await offer.hover();
  await offer.getByRole('button', { name: 'Edit message' }).click();
  await bob.getByLabel('Edit message text').fill('I can bring two');
  await bob.getByRole('button', { name: 'Save edit' }).click();
  await messageRow(alice, 'I can bring two').getByText('edited').waitFor({ timeout: 5_000 });

  // Bob deletes a message; the others see the placeholder in its place.
  await send(bob, 'wrong chat, oops');
  await messageRow(alice, 'wrong chat, oops').waitFor();
  const oops = messageRow(bob, 'wrong chat, oops');
  await oops.hover();
  await oops.getByRole('button', { name: 'Delete message' }).click();
  await oops.getByRole('button', { name: 'Delete for everyone' }).click();
  await messageLog(alice).getByText('This message was deleted').waitFor({ timeout: 5_000 });
  await messageLog(carol).getByText('This message was deleted').waitFor({ timeout: 5_000 });
  expect(await messageLog(alice).getByText('wrong chat, oops').count()).toBe(0);

  // Alice reacts to Bob's offer; Bob sees the chip appear.
  const edited = messageRow(alice, 'I can bring two').first();
  await edited.hover();
  await edited.getByRole('button', { name: 'React to message' }).click();
  await edited.getByRole('button', { name: 'React with 👍' }).click();
  await edited.getByRole('button', { name: '👍 1 reaction, you reacted' }).waitFor();
  await messageLog(bob).getByRole('button', { name: '👍 1 reaction' }).waitFor({ timeout: 5_000 });

  // Carol leaves; the others see it said in the chat.
  await carol.getByRole('button', { name: 'Group info' }).click();
  await carol.getByRole('dialog', { name: 'Group info' }).getByRole('button', { name: 'Leave group' }).click();
  await carol.waitForURL(/\/chats$/);
  await messageLog(alice).getByText('Carol Singer left').waitFor({ timeout: 5_000 });
  await messageLog(bob).getByText('Carol Singer left').waitFor({ timeout: 5_000 });
  expect(await carol.getByRole('link', { name: /Weekend trip/ }).count()).toBe(0);
});
