import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothSchemes } from './accessibility';
import { BOB, PASSWORD, messageRow, registerContacts, setUpMessenger, type Person } from './fixture';

const messenger = setUpMessenger();

const NEW_PASSWORD = 'an even longer password';
const CAROL: Person = { username: 'carol', displayName: 'Carol Danvers' };
const ADMIN = 'root';

/** A call to the API as `token` (or nobody); its status and JSON body, whatever they are. */
async function api<T>(method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${messenger.server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** As `api`, failing the test unless the server accepts. */
async function accepted<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const { status, body: answer } = await api<T>(method, path, token, body);
  if (status >= 400) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(answer)}`);
  return answer;
}

async function signInByApi(username: string, password: string): Promise<{ token: string; id: string }> {
  const { accessToken, user } = await accepted<{ accessToken: string; user: { id: string } }>(
    'POST',
    '/api/auth/login',
    null,
    { username, password },
  );
  return { token: accessToken, id: user.id };
}

const adminToken = async () => (await signInByApi(ADMIN, PASSWORD)).token;

const setRegistration = async (registration: 'open' | 'invite' | 'closed') =>
  accepted('PUT', '/api/admin/settings', await adminToken(), { registration });

// The first account of a fresh installation is its admin: this file's server starts empty.
beforeAll(async () => {
  await accepted('POST', '/api/auth/register', null, { username: ADMIN, password: PASSWORD });
});

/** Submits the login form once and waits for the server's answer, whatever it is. */
async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
}

async function fillNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
}

it('changing the password keeps this device, signs out the others, and retires the old password', async () => {
  const alice = await messenger.newPage();
  await messenger.register(alice, 'alice', 'Alice Liddell');
  const laptop = await messenger.newPage();
  await laptop.goto(`${messenger.server.url}/login`);
  await submitLogin(laptop, 'alice', PASSWORD);
  await laptop.waitForURL(/\/chats$/);

  await alice.getByRole('link', { name: 'Profile', exact: true }).click();
  const section = alice.getByRole('region', { name: 'Change password' });
  await section.getByLabel('Current password').fill(PASSWORD);
  await fillNewPassword(alice, NEW_PASSWORD);
  await section.getByRole('button', { name: 'Change password' }).click();
  await alice.getByText(/^Password changed\. Your other devices were signed out/).waitFor();
  await alice.getByText('No other device is signed in.').waitFor();
  await expectAccessibleInBothSchemes(alice, 'settings after a password change');

  // The other browser hears of it at once and lands on the login page, where the old password no longer works.
  await laptop.waitForURL(/\/login$/, { timeout: 10_000 });
  await laptop.getByText('You were signed out.').waitFor();
  await submitLogin(laptop, 'alice', PASSWORD);
  await laptop.getByRole('alert').waitFor();
  expect(laptop.url()).toMatch(/\/login$/);
  await submitLogin(laptop, 'alice', NEW_PASSWORD);
  await laptop.waitForURL(/\/chats$/);

  // The device that changed it is still signed in.
  await alice.reload();
  await alice.getByLabel('Display name').waitFor();
});

it('someone I blocked cannot message me in our direct chat until I unblock them', async () => {
  const [carol, bob] = await registerContacts(messenger, CAROL, BOB);
  await bob.getByRole('tab', { name: /^Contacts/ }).click();
  await bob.getByRole('button', { name: `Message ${CAROL.displayName}` }).click();
  const composer = bob.getByRole('textbox', { name: 'Message' });
  await composer.fill('hi Carol');
  await composer.press('Enter');

  // Carol blocks Bob from his profile, after being told what that does.
  await carol
    .getByRole('list', { name: 'Chat list' })
    .getByRole('link', { name: new RegExp(BOB.displayName) })
    .click();
  await messageRow(carol, 'hi Carol').waitFor();
  await carol.getByRole('link', { name: 'View profile' }).click();
  await carol.getByRole('button', { name: `Block ${BOB.username}` }).click();
  await carol.getByRole('group', { name: /^Block Bob Builder\? They will not be able to message you/ }).waitFor();
  await expectAccessibleInBothSchemes(carol, 'profile, confirming a block');
  await carol.getByRole('button', { name: 'Yes, block' }).click();
  await carol.getByText(`You blocked ${BOB.displayName}.`).waitFor();
  await carol.getByRole('button', { name: `Unblock ${BOB.username}` }).waitFor();

  // Bob's next message is refused, visibly, and not sent again by itself.
  await composer.fill('are you there?');
  await composer.press('Enter');
  await messageRow(bob, 'are you there?')
    .getByRole('alert')
    .filter({ hasText: /^Not sent: / })
    .waitFor();

  // Carol finds him among her blocked users and unblocks him; his retry then goes through.
  await carol.getByRole('link', { name: 'Profile', exact: true }).click();
  const blocked = carol.getByRole('list', { name: 'Blocked users' });
  await blocked.getByRole('link', { name: BOB.displayName }).waitFor();
  await expectAccessibleInBothSchemes(carol, 'settings with a blocked user');
  await carol.getByRole('button', { name: `Unblock ${BOB.username}` }).click();
  await carol.getByText(`Unblocked ${BOB.displayName}.`).waitFor();
  await carol.getByText('You have not blocked anyone.').waitFor();

  await messageRow(bob, 'are you there?').getByRole('button', { name: 'Retry message' }).click();
  await expect
    .poll(() =>
      messageRow(bob, 'are you there?')
        .getByText(/^Not sent/)
        .count(),
    )
    .toBe(0);
  await carol
    .getByRole('list', { name: 'Chat list' })
    .getByRole('link', { name: new RegExp(BOB.displayName) })
    .click();
  await messageRow(carol, 'are you there?').waitFor();
});

it('registration by invite: the page explains, refuses without a valid code, and an invite link lets one in', async () => {
  await setRegistration('invite');
  const visitor = await messenger.newPage();
  await visitor.goto(`${messenger.server.url}/register`);
  await visitor.getByText(/^Registration needs an invite\./).waitFor();
  await expectAccessibleInBothSchemes(visitor, 'register page, by invite');

  await visitor.getByLabel('Username').fill('dave');
  await visitor.getByLabel('Display name').fill('Dave Lister');
  await visitor.getByLabel('Password').fill(PASSWORD);
  // Without a code the form does not go out at all …
  await visitor.getByRole('button', { name: 'Create account' }).click();
  expect(
    await visitor.getByLabel('Invite code').evaluate((input: HTMLInputElement) => input.validity.valueMissing),
  ).toBe(true);
  // … and the server refuses it anyway.
  const withoutCode = await api<{ error: { code: string } }>('POST', '/api/auth/register', null, {
    username: 'dave',
    password: PASSWORD,
  });
  expect([withoutCode.status, withoutCode.body.error.code]).toEqual([403, 'INVITE_REQUIRED']);
  // A made-up code is refused with an explanation.
  await visitor.getByLabel('Invite code').fill('not-a-real-code');
  await visitor.getByRole('button', { name: 'Create account' }).click();
  await expect.poll(() => visitor.getByRole('alert').textContent()).toMatch(/invite/i);
  expect(visitor.url()).toMatch(/\/register$/);

  const { invite } = await accepted<{ invite: { code: string } }>('POST', '/api/admin/invites', await adminToken(), {
    maxUses: 1,
  });
  await visitor.goto(`${messenger.server.url}/register?invite=${encodeURIComponent(invite.code)}`);
  expect(await visitor.getByLabel('Invite code').inputValue()).toBe(invite.code);
  await visitor.getByLabel('Username').fill('dave');
  await visitor.getByLabel('Display name').fill('Dave Lister');
  await visitor.getByLabel('Password').fill(PASSWORD);
  await visitor.getByRole('button', { name: 'Create account' }).click();
  await visitor.waitForURL(/\/chats$/);

  await setRegistration('closed');
  const latecomer = await messenger.newPage();
  await latecomer.goto(`${messenger.server.url}/register`);
  await latecomer.getByText('Registration is closed; ask an admin if you need an account.').waitFor();
  expect(await latecomer.getByLabel('Username').count()).toBe(0);
  await expectAccessibleInBothSchemes(latecomer, 'register page, closed');
  await setRegistration('open');
});

it('a reset link sets a new password once, and explains itself when used up or incomplete', async () => {
  const erin = await accepted<{ user: { id: string } }>('POST', '/api/auth/register', null, {
    username: 'erin',
    password: PASSWORD,
  });
  const { resetToken } = await accepted<{ resetToken: string }>(
    'POST',
    `/api/admin/users/${erin.user.id}/password-reset`,
    await adminToken(),
  );
  const link = `${messenger.server.url}/reset-password?token=${encodeURIComponent(resetToken)}`;

  // Erin, who forgot her password, follows the link the admin gave her.
  const page = await messenger.newPage();
  await page.goto(link);
  await expectAccessibleInBothSchemes(page, 'reset password page');
  await fillNewPassword(page, NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByText(/^Your new password is set/).waitFor();
  await expectAccessibleInBothSchemes(page, 'reset password page, done');
  await page.getByRole('link', { name: 'Sign in with your new password' }).click();
  await page.waitForURL(/\/login$/);
  await submitLogin(page, 'erin', NEW_PASSWORD);
  await page.waitForURL(/\/chats$/);

  const stranger = await messenger.newPage();
  await stranger.goto(link);
  await fillNewPassword(stranger, 'a third long password');
  await stranger.getByRole('button', { name: 'Set new password' }).click();
  await expect.poll(() => stranger.getByRole('alert').textContent()).toMatch(/Ask your admin for a new link\.$/);

  await stranger.goto(`${messenger.server.url}/reset-password`);
  await stranger.getByText(/Ask your admin for a new link\.$/).waitFor();
  await expectAccessibleInBothSchemes(stranger, 'reset password page without a token');
});
