import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, fakeApi, ok, rateLimited } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { LoginPage } from './LoginPage';
import { RequireNoSession } from './RouteGuards';
import { useSessionStore } from './sessionStore';

function renderLoginPage() {
  const router = createMemoryRouter(
    [
      { element: <RequireNoSession />, children: [{ path: '/login', element: <LoginPage /> }] },
      { path: '/chats', element: <p>Chats home</p> },
    ],
    { initialEntries: ['/login'] },
  );
  render(<RouterProvider router={router} />);
}

async function signIn(password: string) {
  const user = userEvent.setup();
  await user.clear(screen.getByLabelText('Username'));
  await user.type(screen.getByLabelText('Username'), 'alice');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  beforeEach(() => {
    useSessionStore.setState({ status: 'signedOut', signOutReason: null });
  });

  it('says how long to wait once the server stops accepting attempts', async () => {
    let attempts = 0;
    fakeApi({
      'POST /api/auth/login': () => {
        attempts += 1;
        return attempts <= 5 ? apiError(401, 'UNAUTHORIZED', 'Wrong username or password') : rateLimited(900);
      },
    });
    renderLoginPage();

    await signIn('wrong password');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    for (let attempt = 2; attempt <= 6; attempt += 1) await signIn('wrong password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 15 minutes.');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('tells a user whose session the server ended why they are here, until they sign in', async () => {
    useSessionStore.getState().signedOut('sessionEnded');
    const alice = makeUser({ id: 'u1', username: 'alice' });
    fakeApi({ 'POST /api/auth/login': () => ok({ user: alice, accessToken: 'a1', refreshToken: 'r1' }) });
    renderLoginPage();

    expect(screen.getByRole('status')).toHaveTextContent('You were signed out.');

    await signIn('correct horse');

    expect(await screen.findByText('Chats home')).toBeInTheDocument();
    expect(useSessionStore.getState().signOutReason).toBeNull();
  });

  it('shows no notice after signing out on purpose', () => {
    useSessionStore.getState().signedOut('userSignedOut');
    renderLoginPage();

    expect(screen.queryByText('You were signed out.')).not.toBeInTheDocument();
  });

  it('explains that a deactivated account cannot sign in', async () => {
    fakeApi({ 'POST /api/auth/login': () => apiError(403, 'ACCOUNT_DEACTIVATED', 'Account is deactivated') });
    renderLoginPage();

    await signIn('correct horse');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This account has been deactivated; contact your admin.',
    );
  });

  it('tells a user whose account was deactivated while signed in why they are here', () => {
    useSessionStore.getState().signedOut('accountDeactivated');
    renderLoginPage();

    expect(screen.getByRole('status')).toHaveTextContent(
      'You were signed out. This account has been deactivated; contact your admin.',
    );
  });
});
