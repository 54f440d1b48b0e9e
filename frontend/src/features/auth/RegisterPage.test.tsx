import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, created, fakeApi } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { RegisterPage } from './RegisterPage';
import { RequireNoSession } from './RouteGuards';
import { useSessionStore } from './sessionStore';

function renderRegisterPage() {
  const router = createMemoryRouter(
    [
      { element: <RequireNoSession />, children: [{ path: '/register', element: <RegisterPage /> }] },
      { path: '/chats', element: <p>Chats home</p> },
    ],
    { initialEntries: ['/register'] },
  );
  render(<RouterProvider router={router} />);
}

async function fillInAndSubmit() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Username'), 'alice');
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
    expect(requests[0]?.body).toEqual({
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
});
