import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothSchemes } from './accessibility';
import { PASSWORD, setUpMessenger } from './fixture';
import { expectNoHorizontalOverflow, openBrowser, signIn, stepsSharingState } from './tour-support';

// The Admin area against the real server: roles, deactivation, reset links and registration by invitation.
// Pages of other parts of the issue are reached by their accessible names: /reset-password has a "New password"
// field, and /register?invite=CODE an "Invite code" field holding the code.

const messenger = setUpMessenger();
const ADMIN = { username: 'ada', displayName: 'Ada Admin' };
const MEMBER = { username: 'max', displayName: 'Max Member' };
const NEWCOMER = { username: 'nia', displayName: 'Nia Newcomer' };
const NEW_PASSWORD = 'another long password';

let admin: Page | undefined;
let member: Page | undefined;
const step = stepsSharingState(() => ({ admin, member }));

const started = (page: Page | undefined): Page => {
  if (!page) throw new Error('an earlier step did not open this page');
  return page;
};
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const adminSection = (page: Page, name: (typeof SECTIONS)[number]) =>
  page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name, exact: true });
const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

const SECTIONS = ['People', 'Registration', 'Audit'] as const;

/** Opens an admin section and waits for its content, not only its heading. */
async function showSection(page: Page, section: (typeof SECTIONS)[number]): Promise<void> {
  await adminSection(page, section).click();
  const content = {
    People: page.getByRole('list', { name: 'People' }),
    Registration: page.getByRole('list', { name: 'Invites' }).or(page.getByText(/^No usable invites/)),
    Audit: page.getByRole('table'),
  }[section];
  await content.waitFor();
}

/** Submits the login form and waits for the server's answer, whatever it is. */
async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${messenger.server.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
}

async function openAdminArea(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Admin', exact: true }).click();
  await page.waitForURL(/\/admin\/people$/);
  await page.getByRole('list', { name: 'People' }).waitFor();
}

step('the first account is an admin and sees Admin; the next one is a member and does not', async () => {
  admin = await openBrowser(messenger);
  await messenger.register(admin, ADMIN.username, ADMIN.displayName);
  member = await openBrowser(messenger);
  await messenger.register(member, MEMBER.username, MEMBER.displayName);

  await openAdminArea(admin);
  await admin.getByRole('button', { name: `Deactivate ${MEMBER.username}` }).waitFor();
  expect(await mainNav(member).getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
  await member.goto(`${messenger.server.url}/admin/people`);
  await member.getByRole('heading', { name: 'Not allowed' }).waitFor();
  await member.getByRole('link', { name: 'Back to your chats' }).click();
  await member.waitForURL(/\/chats$/);
});

step('an admin deactivates a member, who is signed out at once and refused; reactivated, they are back', async () => {
  const adminPage = started(admin);
  const memberPage = started(member);

  await adminPage.getByRole('button', { name: `Deactivate ${MEMBER.username}` }).click();
  await dialog(adminPage, `Deactivate ${MEMBER.displayName}?`)
    .getByRole('button', { name: 'Deactivate', exact: true })
    .click();
  await adminPage.getByRole('button', { name: `Reactivate ${MEMBER.username}` }).waitFor();

  // Their open page hears of it without reloading: the session is over.
  await memberPage.waitForURL(/\/login$/, { timeout: 10_000 });
  await submitLogin(memberPage, MEMBER.username, PASSWORD);
  await expect.poll(() => memberPage.getByRole('alert').textContent()).toMatch(/deactivated/i);

  await adminPage.getByRole('button', { name: `Reactivate ${MEMBER.username}` }).click();
  await adminPage.getByRole('button', { name: `Deactivate ${MEMBER.username}` }).waitFor();
  await signIn(memberPage, messenger.server.url, MEMBER.username);
});

step('a reset link, shown once, lets the member choose a new password and sign in with it', async () => {
  const adminPage = started(admin);
  const memberPage = started(member);

  await adminPage.getByRole('button', { name: `Issue reset link for ${MEMBER.username}` }).click();
  const shown = dialog(adminPage, `Password reset link for ${MEMBER.displayName}`);
  await shown.getByText(/shown only once/).waitFor();
  const link = await shown.getByRole('textbox', { name: 'Reset link' }).inputValue();
  expect(link).toMatch(/\/reset-password\?token=.+/);
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => adminPage.getByRole('dialog').count()).toBe(0);

  // The person opens the link on a device of their own.
  const resetPage = await openBrowser(messenger);
  await resetPage.goto(link);
  await resetPage.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  const confirmation = resetPage.getByLabel(/^(Confirm|Repeat) (new )?password$/i);
  if ((await confirmation.count()) > 0) await confirmation.fill(NEW_PASSWORD);
  const answered = resetPage.waitForResponse((response) => response.url().endsWith('/api/auth/password-reset'));
  // Whatever its label, the form's submit button.
  await resetPage.locator('form button[type="submit"]').click();
  expect((await answered).status()).toBe(204);

  // Using it ended every session of theirs; the new password signs them in, the old one no longer does.
  await memberPage.waitForURL(/\/login$/, { timeout: 10_000 });
  await submitLogin(memberPage, MEMBER.username, PASSWORD);
  await expect.poll(() => memberPage.getByRole('alert').count()).toBe(1);
  await submitLogin(memberPage, MEMBER.username, NEW_PASSWORD);
  await memberPage.waitForURL(/\/chats$/);
  await resetPage.context().close();
});

step('with registration by invitation, a new person registers through an invite link', async () => {
  const adminPage = started(admin);
  await adminSection(adminPage, 'Registration').click();
  await adminPage.getByRole('radio', { name: 'By invitation' }).check();
  await adminPage.getByRole('button', { name: 'Save registration setting' }).click();
  await adminPage.getByText('Registration setting saved.').waitFor();

  await adminPage.getByLabel('Maximum uses').fill('1');
  await adminPage.getByRole('button', { name: 'Create invite' }).click();
  const invites = adminPage.getByRole('list', { name: 'Invites' });
  const inviteLink = invites.getByRole('textbox').first();
  await inviteLink.waitFor();
  // Each invite's field is labelled "Invite <code>".
  const label = await inviteLink.evaluate((input: HTMLInputElement) => input.labels?.[0]?.textContent ?? '');
  const code = label.replace(/^Invite /, '');
  expect(await inviteLink.inputValue()).toContain(code);
  await invites.getByText('Used 0 of 1 time', { exact: false }).waitFor();

  const newcomer = await openBrowser(messenger);
  await newcomer.goto(`${messenger.server.url}/register?invite=${encodeURIComponent(code)}`);
  await expect.poll(() => newcomer.getByLabel('Invite code').inputValue()).toBe(code);
  await newcomer.getByLabel('Username').fill(NEWCOMER.username);
  await newcomer.getByLabel('Display name').fill(NEWCOMER.displayName);
  await newcomer.getByLabel('Password').fill(PASSWORD);
  await newcomer.getByRole('button', { name: 'Create account' }).click();
  await newcomer.waitForURL(/\/chats$/);
  expect(await mainNav(newcomer).getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);

  // Its one use taken, the invite is no longer usable, and the list shows only usable invites.
  await adminPage.reload();
  await adminPage.getByRole('button', { name: 'Create invite' }).waitFor();
  await expect.poll(() => adminPage.getByRole('textbox', { name: `Invite ${code}` }).count()).toBe(0);
  await newcomer.context().close();
});

step('the audit log lists every action the admin took', async () => {
  const adminPage = started(admin);
  await adminSection(adminPage, 'Audit').click();
  const log = adminPage.getByRole('table');
  for (const action of [
    'Deactivated account',
    'Reactivated account',
    'Issued password reset link',
    'Changed who may register to invite',
    'Created invite',
  ]) {
    await log.getByRole('cell', { name: action }).first().waitFor();
  }
  expect(await log.getByRole('cell', { name: ADMIN.username, exact: true }).count()).toBeGreaterThan(0);
});

step('the admin pages are accessible in both themes, with a dialog open, and fit a phone', async () => {
  const adminPage = started(admin);
  for (const section of SECTIONS) {
    await showSection(adminPage, section);
    await expectAccessibleInBothSchemes(adminPage, `admin: ${section}`);
  }
  await adminSection(adminPage, 'People').click();
  await adminPage.getByRole('button', { name: `Deactivate ${MEMBER.username}` }).click();
  await dialog(adminPage, /^Deactivate/).waitFor();
  await expectAccessibleInBothSchemes(adminPage, 'admin: confirm deactivation');
  await dialog(adminPage, /^Deactivate/)
    .getByRole('button', { name: 'Cancel' })
    .click();

  const phone = await openBrowser(messenger, { viewport: { width: 360, height: 740 }, hasTouch: true });
  await signIn(phone, messenger.server.url, ADMIN.username);
  await openAdminArea(phone);
  for (const section of SECTIONS) {
    await showSection(phone, section);
    await expectNoHorizontalOverflow(phone);
    await expectAccessibleInBothSchemes(phone, `phone: admin ${section}`);
  }
  await phone.getByRole('link', { name: 'Back to chat list' }).click();
  await phone.waitForURL(/\/chats$/);
});
