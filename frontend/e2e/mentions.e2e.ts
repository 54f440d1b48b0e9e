import { expect, it } from 'vitest';
import { expectAccessibleInBothSchemes } from './accessibility';
import { ALICE, becomeContacts, BOB, messageLog, messageRow, setUpMessenger } from './fixture';
import {
  allowHidingTheTab,
  chatLink,
  composer,
  expectNoHorizontalOverflow,
  messageAction,
  observeNotifications,
  openBrowser,
  screenshot,
  send,
  setTabHidden,
  shownNotifications,
  signIn,
} from './tour-support';

const messenger = setUpMessenger();

it('mentions someone with the autocomplete: a badge even in a muted chat, a notification, a highlight, a search', async () => {
  const alice = await openBrowser(messenger);
  const bob = await openBrowser(messenger, { permissions: ['notifications'] });
  await bob.context().addInitScript(observeNotifications);
  await bob.context().addInitScript(allowHidingTheTab);
  await messenger.register(alice, ALICE.username, ALICE.displayName);
  await messenger.register(bob, BOB.username, BOB.displayName);
  await becomeContacts(alice, bob, BOB.username, ALICE.username);

  // Alice makes a group with Bob; Bob mutes it and looks elsewhere.
  await alice.getByRole('link', { name: 'Chats' }).click();
  await alice.getByRole('button', { name: 'New group' }).click();
  const dialog = alice.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill('Launch');
  await dialog.getByRole('checkbox', { name: BOB.displayName }).check();
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await alice.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  await bob.getByRole('link', { name: 'Chats' }).click();
  await chatLink(bob, /Launch/).waitFor();
  await bob.getByRole('button', { name: 'Mute notifications' }).click();
  await bob.getByRole('img', { name: 'Muted' }).waitFor();
  await setTabHidden(bob, true);

  // Alice types @b: Bob is suggested, chosen with the keyboard, and the mention is sent.
  await composer(alice).fill('Ready for the release, ');
  await composer(alice).pressSequentially('@b');
  const suggestions = alice.getByRole('listbox', { name: 'People to mention' });
  const option = suggestions.getByRole('option', { name: /Bob Builder/ });
  await option.waitFor();
  expect(await option.getAttribute('aria-selected')).toBe('true');
  expect(await composer(alice).getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
  await expectAccessibleInBothSchemes(alice, 'mention suggestions');
  await screenshot(alice, 'mentions');
  await composer(alice).press('Enter');
  await suggestions.waitFor({ state: 'detached' });
  expect(await composer(alice).inputValue()).toBe('Ready for the release, @bob ');
  await composer(alice).pressSequentially('?');
  await composer(alice).press('Enter');
  const sent = messageRow(alice, 'Ready for the release, @bob ?');
  await sent.locator('[data-mention="other"]', { hasText: '@bob' }).waitFor();

  // Bob's muted chat shows the mention badge, and the mention called for him anyway.
  const launch = chatLink(bob, /Launch/);
  await expect.poll(() => launch.textContent()).toContain('1 mention of you');
  expect(await launch.getByText('@', { exact: true }).isVisible()).toBe(true);
  await expect
    .poll(() => shownNotifications(bob))
    .toEqual([
      {
        title: 'Alice Liddell mentioned you in Launch',
        body: 'Ready for the release, @bob ?',
        tag: expect.any(String),
      },
    ]);
  await setTabHidden(bob, false);
  await expectAccessibleInBothSchemes(bob, 'chat list with a mention');

  // Opening the chat shows the mention of him highlighted; reading it clears the badge.
  await launch.click();
  const mention = messageRow(bob, 'Ready for the release').locator('mark[data-mention="me"]');
  await mention.waitFor();
  expect(await mention.textContent()).toBe('@bob');
  await expect.poll(() => launch.textContent()).not.toContain('mention of you');
  await expectAccessibleInBothSchemes(bob, 'a chat with a mention of me');

  // His answer quotes the message, the mention of him highlighted there too.
  await messageAction(bob, 'Ready for the release', 'Reply to message');
  await send(bob, 'On it');
  const quote = messageRow(bob, 'On it').getByRole('button', { name: 'Jump to quoted message' });
  expect(await quote.locator('mark[data-mention="me"]').textContent()).toBe('@bob');

  // The search finds the messages that mention him, without words, and highlights the mention as the chat does.
  await bob.goto(`${messenger.server.url}/search`);
  // Not `check()`: it reads the box right after the click, and the address (which the box shows) changes in a
  // React transition that a loaded machine may not have rendered yet.
  const onlyMentions = bob.getByRole('checkbox', { name: 'Only messages that mention me' });
  await onlyMentions.click();
  await expect.poll(() => onlyMentions.isChecked()).toBe(true);
  const found = bob.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /Ready for the release/ });
  await found.waitFor();
  expect(await found.locator('mark[data-mention="me"]').textContent()).toBe('@bob');
  expect(bob.url()).toMatch(/\/search\?mentions=me$/);

  // On a phone, the suggestions fit the screen.
  const phone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(phone, messenger.server.url, BOB.username);
  await chatLink(phone, /Launch/).click();
  await messageLog(phone).waitFor();
  await composer(phone).pressSequentially('thanks @a');
  await phone.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: /Alice/ }).waitFor();
  await expectNoHorizontalOverflow(phone);
  await expectAccessibleInBothSchemes(phone, 'phone: mention suggestions');
  await composer(phone).press('Tab');
  expect(await composer(phone).inputValue()).toBe('thanks @alice ');
});
