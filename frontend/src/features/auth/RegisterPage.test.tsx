import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, created, fakeApi, ok } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { RegisterPage } from './RegisterPage';
import { RequireNoSession } from './RouteGuards';
import { useSessionStore } from './sessionStore';

function renderRegisterPage(path = '/register') {
  const router = createMemoryRouter(
    [
      { element: <RequireNoSession />, children: [{ path: '/register', element: <RegisterPage /> }] },
      { path: '/chats', element: <p>Chats home</p> },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
}

async function fillInAndSubmit() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Username'), 'alice');
  await user.type(screen.getByLabelText('Display name'), 'Alice Liddell');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterPage', () => {
  beforeEach(() => {
    useSessionStore.setState({ status: 'signedOut' });
  });

  it("shows the server's error next to the form", async () => {
    fakeApi({ 'POST /api/auth/register': () => apiError(409, 'CONFLICT', 'That username is taken') });
    renderRegisterPage();

    await fillInAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('That username is taken');
    expect(screen.getByLabelText('Username')).toHaveValue('alice');
    expect(screen.getByRole('button', { name: 'Create account' })).toBeEnabled();
  });

  it('creates the account, keeps the token in memory and opens the chats', async () => {
    const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice Liddell' });
    const requests = fakeApi({
      'POST /api/auth/register': () => created({ user: alice, accessToken: 'access-1', refreshToken: 'refresh-1' }),
    });
    renderRegisterPage();

    await fillInAndSubmit();

    expect(await screen.findByText('Chats home')).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      username: 'alice',
      password: 'correct horse',
      displayName: 'Alice Liddell',
    });
    expect(useSessionStore.getState()).toMatchObject({
      status: 'signedIn',
      user: alice,
      accessToken: 'access-1',
    });
    expect(localStorage.length).toBe(0);
  });

  it('asks which registration the server allows, and offers the plain form on an older server (404)', async () => {
    const requests = fakeApi({});
    renderRegisterPage();

    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/auth/registration' });
    expect(screen.queryByLabelText('Invite code')).not.toBeInTheDocument();
    expect(screen.queryByText(/needs an invite/)).not.toBeInTheDocument();
  });

  it('offers the plain form when the answer is not a registration mode (a page, not the API)', async () => {
    fakeApi({ 'GET /api/auth/registration': () => ok('<!doctype html><title>1000-Messenger</title>') });
    renderRegisterPage();

    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
  });

  it('explains that registration needs an invite and sends the code of the invite link', async () => {
    const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice Liddell' });
    const requests = fakeApi({
      'GET /api/auth/registration': () => ok({ registration: 'invite' }),
      'POST /api/auth/register': () => created({ user: alice, accessToken: 'access-1', refreshToken: 'refresh-1' }),
    });
    renderRegisterPage('/register?invite=WELCOME-42');

    expect(await screen.findByText(/^Registration needs an invite\./)).toBeInTheDocument();
    const invite = screen.getByLabelText('Invite code');
    expect(invite).toHaveValue('WELCOME-42');
    expect(invite).toBeRequired();
    await fillInAndSubmit();

    expect(await screen.findByText('Chats home')).toBeInTheDocument();
    expect(requests.at(-1)?.body).toEqual({
      username: 'alice',
      password: 'correct horse',
      displayName: 'Alice Liddell',
      inviteCode: 'WELCOME-42',
    });
  });

  it('says when an invite code is not valid', async () => {
    fakeApi({
      'GET /api/auth/registration': () => ok({ registration: 'invite' }),
      'POST /api/auth/register': () => apiError(403, 'INVITE_INVALID', 'Invite not found'),
    });
    renderRegisterPage('/register?invite=OLD');

    await fillInAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This invite code is not valid: it may have expired or been used up. Ask an admin for a new one.',
    );
  });

  it('asks for an invite code when the server turned out to require one', async () => {
    fakeApi({
      'GET /api/auth/registration': () => ok({ registration: 'open' }),
      'POST /api/auth/register': () => apiError(403, 'INVITE_REQUIRED', 'An invite is required'),
    });
    renderRegisterPage();

    await fillInAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent(/^Registration needs an invite\./);
    expect(screen.getByLabelText('Invite code')).toBeRequired();
    expect(screen.getByLabelText('Username')).toHaveValue('alice');
  });

  it('explains that registration is closed, with no form', async () => {
    const requests = fakeApi({ 'GET /api/auth/registration': () => ok({ registration: 'closed' }) });
    renderRegisterPage('/register?invite=WELCOME-42');

    expect(await screen.findByText('Registration is closed; ask an admin if you need an account.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(requests).toHaveLength(1);
  });

  it('closes the form when the server closed registration since the page opened', async () => {
    fakeApi({
      'GET /api/auth/registration': () => ok({ registration: 'open' }),
      'POST /api/auth/register': () => apiError(403, 'REGISTRATION_CLOSED', 'Registration is closed'),
    });
    renderRegisterPage();

    await fillInAndSubmit();

    expect(await screen.findByText('Registration is closed; ask an admin if you need an account.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
  });
});
