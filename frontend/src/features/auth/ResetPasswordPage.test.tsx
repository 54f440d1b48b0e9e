import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { apiError, fakeApi, noContent } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { useSessionStore } from './sessionStore';

/** The app's own routes: the page must be reachable signed out as well as signed in. */
function renderResetPage(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

async function setNewPassword(password: string, confirmation = password) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Confirm new password'), confirmation);
  await user.click(screen.getByRole('button', { name: 'Set new password' }));
}

describe('ResetPasswordPage', () => {
  it('sets the new password with the token of the link, then offers to sign in', async () => {
    useSessionStore.getState().signedOut();
    const requests = fakeApi({ 'POST /api/auth/password-reset': () => noContent });
    const router = renderResetPage('/reset-password?token=tok-123');

    await setNewPassword('a new long password');

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Your new password is set, and every device signed in to your account was signed out.',
    );
    expect(requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/auth/password-reset',
      body: { resetToken: 'tok-123', newPassword: 'a new long password' },
    });
    await userEvent.click(screen.getByRole('link', { name: 'Sign in with your new password' }));
    expect(router.state.location.pathname).toBe('/login');
  });

  it('checks that both passwords match and follow the password rules before asking the server', async () => {
    useSessionStore.getState().signedOut();
    const requests = fakeApi({});
    renderResetPage('/reset-password?token=tok-123');

    expect(screen.getByLabelText('New password')).toHaveAttribute('minlength', '8');
    expect(screen.getByLabelText('New password')).toHaveAttribute('maxlength', '72');
    await setNewPassword('a new long password', 'another password');

    expect(screen.getByRole('alert')).toHaveTextContent('The two new passwords do not match.');
    expect(requests).toEqual([]);
  });

  it('explains a used, expired or mistyped link', async () => {
    useSessionStore.getState().signedOut();
    fakeApi({
      'POST /api/auth/password-reset': () => apiError(400, 'RESET_TOKEN_INVALID', 'Invalid or expired reset token'),
    });
    renderResetPage('/reset-password?token=used');

    await setNewPassword('a new long password');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This reset link is not valid any more: it was already used, it expired, or it was mistyped. Ask your admin for a new link.',
    );
  });

  it('explains a link without its token, with no form', () => {
    useSessionStore.getState().signedOut();
    renderResetPage('/reset-password');

    expect(screen.getByText(/this address has none\. Ask your admin for a new link\./)).toBeInTheDocument();
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  });

  it('shows for a signed-in user too', () => {
    useSessionStore.getState().signedIn(makeUser({ id: 'u1', username: 'alice' }), 'token-1');
    const router = renderResetPage('/reset-password?token=tok-123');

    expect(router.state.location.pathname).toBe('/reset-password');
    expect(screen.getByRole('heading', { name: 'Set a new password' })).toBeInTheDocument();
  });
});
