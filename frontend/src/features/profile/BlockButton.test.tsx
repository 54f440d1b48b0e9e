import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UserProfile } from '@messenger/contract';
import { apiError, fakeApi, noContent, ok, type FakeRoutes } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { useSessionStore } from '../auth';
import { UserProfilePage } from './UserProfilePage';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });

function renderProfile(profile: Partial<UserProfile>, routes: FakeRoutes = {}) {
  const requests = fakeApi({
    'GET /api/contacts': () => ok({ contacts: [] }),
    'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
    'GET /api/users/u2': () => ok({ user: { ...bob, isContact: false, ...profile } }),
    ...routes,
  });
  const router = createMemoryRouter([{ path: '/users/:userId', element: <UserProfilePage /> }], {
    initialEntries: ['/users/u2'],
  });
  render(<RouterProvider router={router} />);
  return requests;
}

const blockQuestion =
  'Block Bob Builder? They will not be able to message you in your direct chat or send you contact requests, and will not see when you are online. Groups you share are not affected.';

describe('Blocking from a profile', () => {
  beforeEach(() => {
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it('blocks only after explaining what it does, and can unblock', async () => {
    const requests = renderProfile(
      { isBlocked: false },
      { 'POST /api/users/:id/block': () => noContent, 'DELETE /api/users/:id/block': () => noContent },
    );
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Block bob' }));
    const confirm = screen.getByRole('group', { name: blockQuestion });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(requests.some((request) => request.path.endsWith('/block'))).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Block bob' }));
    await user.click(screen.getByRole('button', { name: 'Yes, block' }));

    expect(await screen.findByText('You blocked Bob Builder.')).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/users/u2/block' });

    await user.click(screen.getByRole('button', { name: 'Unblock bob' }));

    expect(await screen.findByText('You unblocked Bob Builder.')).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/users/u2/block' });
    expect(screen.getByRole('button', { name: 'Block bob' })).toBeInTheDocument();
  });

  it('shows someone already blocked as such', async () => {
    renderProfile({ isBlocked: true });

    expect(await screen.findByRole('button', { name: 'Unblock bob' })).toBeInTheDocument();
    expect(screen.getByText(/^You blocked Bob Builder: they cannot message you/)).toBeInTheDocument();
  });

  it('offers to block on a server that does not say whether we blocked them', async () => {
    renderProfile({});

    expect(await screen.findByRole('button', { name: 'Block bob' })).toBeInTheDocument();
  });

  it('says why blocking failed', async () => {
    renderProfile({ isBlocked: false }, { 'POST /api/users/:id/block': () => apiError(404, 'NOT_FOUND', 'No user') });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Block bob' }));
    await user.click(screen.getByRole('button', { name: 'Yes, block' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('No user');
  });

  it('marks a deactivated account', async () => {
    renderProfile({ deactivated: true });

    expect(await screen.findByRole('heading', { name: 'Bob Builder (deactivated)' })).toBeInTheDocument();
  });
});
