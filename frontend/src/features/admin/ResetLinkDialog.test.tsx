import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, created, fakeApi, ok, type FakeReply } from '../../test/fakeApi';
import { renderAppAs } from '../../test/renderApp';
import { makeAdminUser, signedInAs } from './adminTestData';

const bob = makeAdminUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const expiresAt = '2026-12-07T09:30:00.000Z';

function renderWithReset(reply: FakeReply) {
  const requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [] }),
    'GET /api/admin/users': () => ok({ users: [bob], nextCursor: null }),
    'POST /api/admin/users/u2/password-reset': () => reply,
  });
  renderAppAs(signedInAs('u1', 'alice', 'admin'), '/admin/people');
  return { requests, user: userEvent.setup() };
}

const issueButton = () => screen.findByRole('button', { name: 'Issue reset link for bob' }, { timeout: 10_000 });

describe('a password reset link', () => {
  it('is shown once with its expiry, to copy and hand over', async () => {
    const { requests, user } = renderWithReset(created({ resetToken: 'secret-token', expiresAt }));

    await user.click(await issueButton());

    const dialog = await screen.findByRole('dialog', { name: 'Password reset link for Bob' });
    const link = `${window.location.origin}/reset-password?token=secret-token`;
    expect(within(dialog).getByRole('textbox', { name: 'Reset link' })).toHaveValue(link);
    expect(within(dialog).getByText(/shown only once/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Give this link to Bob \(@bob\) yourself/)).toBeInTheDocument();
    expect(within(dialog).getByRole('time')).toHaveAttribute('datetime', expiresAt);
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/admin/users/u2/password-reset' });

    await user.click(within(dialog).getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(link);
    expect(await screen.findByText('Link copied')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(link)).not.toBeInTheDocument();
  });

  it('is the server’s own link when it sends one', async () => {
    const { user } = renderWithReset(
      created({ resetToken: 'secret-token', expiresAt, resetUrl: '/reset-password?token=secret-token&v=2' }),
    );

    await user.click(await issueButton());

    expect(await screen.findByRole('textbox', { name: 'Reset link' })).toHaveValue(
      `${window.location.origin}/reset-password?token=secret-token&v=2`,
    );
  });

  it('shows why the server refused to issue one', async () => {
    const { user } = renderWithReset(apiError(404, 'NOT_FOUND', 'User not found'));

    await user.click(await issueButton());

    expect(await screen.findByRole('alert')).toHaveTextContent('User not found');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
