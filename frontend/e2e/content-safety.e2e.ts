import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BOB, becomeContacts, messageLog, messageRow, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

/** What a hostile user types where the app shows text: each would run script if the app rendered it as HTML. */
const HOSTILE_NAME = '<img src=x onerror="window.pwned=1">Mal';
const HOSTILE_MESSAGES = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned=1">',
  '<a href="javascript:window.pwned=1">click me</a> **<b>bold?</b>**',
  'docs at https://example.com/guide and javascript:window.pwned=1',
];

/** A page that records any script the messenger's content manages to run, and any dialog it opens. */
async function watchedPage(): Promise<{ page: Page; dialogs: string[] }> {
  const page = await messenger.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, dialogs };
}

it('shows hostile names, messages and search snippets as text: no script runs, links cannot reach back', async () => {
  const { page: mallory, dialogs: malloryDialogs } = await watchedPage();
  const { page: bob, dialogs: bobDialogs } = await watchedPage();
  await messenger.register(mallory, 'mallory', HOSTILE_NAME);
  await messenger.register(bob, BOB.username, BOB.displayName);
  await becomeContacts(mallory, bob, BOB.username, 'mallory');

  await mallory.getByRole('tab', { name: /^Contacts/ }).click();
  await mallory.getByRole('button', { name: `Message ${BOB.displayName}` }).click();
  const composer = mallory.getByRole('textbox', { name: 'Message' });
  for (const text of HOSTILE_MESSAGES) {
    await composer.fill(text);
    await composer.press('Enter');
    await messageRow(mallory, text.slice(0, 20)).first().waitFor();
  }

  // Bob sees Mallory's name and messages exactly as typed.
  await bob
    .getByRole('list', { name: 'Chat list' })
    .getByRole('link', { name: /onerror/ })
    .click();
  for (const text of HOSTILE_MESSAGES) {
    await messageLog(bob).getByText(text.replace(/\*\*/g, ''), { exact: false }).first().waitFor();
  }
  await bob.getByRole('heading', { name: HOSTILE_NAME }).waitFor();

  // Nothing was turned into markup: no script, image, bold tag or javascript: link came from the content.
  const injected = await bob.evaluate(() => ({
    pwned: (window as { pwned?: unknown }).pwned,
    elements: document.querySelectorAll('main script, main img[onerror], main b, [href^="javascript" i]').length,
  }));
  expect(injected).toEqual({ pwned: undefined, elements: 0 });

  // The one real address is a link that opens a new tab without access to this one.
  const link = messageLog(bob).getByRole('link', { name: 'https://example.com/guide' });
  expect(await link.getAttribute('href')).toBe('https://example.com/guide');
  expect(await link.getAttribute('target')).toBe('_blank');
  expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');

  // Search snippets come back as text segments, and are shown as text too.
  await bob.keyboard.press('Control+k');
  // (PostgreSQL's parser skips what looks like a tag, so the words around the markup are what is found.)
  await bob.getByRole('searchbox', { name: 'Search messages' }).fill('click');
  const result = bob.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /click me/ });
  await result.waitFor();
  const snippet = await result.textContent();
  expect(snippet).toContain('<a href="javascript:window.pwned=1">click me</a>');
  expect(await bob.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
  expect(await bob.locator('main script, main img[onerror], [href^="javascript" i]').count()).toBe(0);

  expect([...malloryDialogs, ...bobDialogs]).toEqual([]);
});
