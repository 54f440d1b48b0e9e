import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, created, fakeApi, noContent, ok, type FakeRoutes } from '../../test/fakeApi';
import { makeDirectChat, makeUser } from '../../test/factories';
import { useSessionStore } from '../auth';
import { UserProfilePage } from './UserProfilePage';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const fiveMinutesAgo = () => new Date(Date.now() - 5 * 60_000).toISOString();
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });
const since = '2025-01-01T00:00:00Z';

function renderProfile(routes: FakeRoutes, userId = 'u2') {
  const requests = fakeApi({
    'GET /api/contacts': () => ok({ contacts: [] }),
    'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
    ...routes,
  });
  const router = createMemoryRouter(
    [
      { path: '/users/:userId', element: <UserProfilePage /> },
      { path: '/chats/:chatId', element: <p>Chat opened</p> },
      { path: '/settings/profile', element: <p>Settings</p> },
    ],
    { initialEntries: [`/users/${userId}`] },
  );
  render(<RouterProvider router={router} />);
  return { requests, router };
}

describe('UserProfilePage', () => {
  beforeEach(() => {
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it("shows a contact's last visit", async () => {
    renderProfile({
      'GET /api/contacts': () => ok({ contacts: [{ user: bob, since }] }),
      'GET /api/users/u2': () => ok({ user: { ...bob, lastSeenAt: fiveMinutesAgo(), isContact: true } }),
    });
    expect(await screen.findByText('Last seen 5 minutes ago')).toBeInTheDocument();
  });

  it("shows a stranger's name and username, no presence (not ours to see), and sends them a request", async () => {
    const { requests } = renderProfile({
      'GET /api/users/u2': () => ok({ user: { ...bob, online: null, lastSeenAt: null, isContact: false } }),
      'POST /api/contacts/requests': () => created({ request: { id: 'r1', to: bob, createdAt: since } }),
    });

    expect(await screen.findByRole('heading', { name: 'Bob Builder' })).toBeInTheDocument();
    expect(screen.getByText('@bob')).toBeInTheDocument();
    expect(screen.getByText('Not in your contacts.')).toBeInTheDocument();
    expect(screen.queryByText(/Online|Offline|Last seen/)).not.toBeInTheDocument();

    await userEvent.click(await screen.findByRole('button', { name: 'Add bob' }));

    expect(await screen.findByRole('button', { name: 'Cancel request to bob' })).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/contacts/requests', body: { userId: 'u2' } });
  });

  it('opens the direct chat with a contact', async () => {
    const { requests, router } = renderProfile({
      'GET /api/contacts': () => ok({ contacts: [{ user: bob, since }] }),
      'GET /api/users/u2': () => ok({ user: { ...bob, online: true, isContact: true } }),
      'POST /api/chats/direct': () => ok({ chat: makeDirectChat('c1', [alice, bob]) }),
    });

    expect(await screen.findByText('Online')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Message Bob Builder' }));

    expect(await screen.findByText('Chat opened')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/chats/c1');
    expect(requests.at(-1)).toMatchObject({ path: '/api/chats/direct', body: { userId: 'u2' } });
  });

  it('removes a contact only after confirming', async () => {
    const { requests } = renderProfile({
      'GET /api/contacts': () => ok({ contacts: [{ user: bob, since }] }),
      'GET /api/users/u2': () => ok({ user: { ...bob, isContact: true } }),
      'DELETE /api/contacts/:userId': () => noContent,
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Remove contact' }));
    const confirm = screen.getByRole('group', {
      name: 'Remove Bob Builder from your contacts? Your chat history stays.',
    });
    expect(within(confirm).getByRole('button', { name: 'Keep contact' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Keep contact' }));
    expect(screen.getByRole('button', { name: 'Message Bob Builder' })).toBeInTheDocument();
    expect(requests.some((request) => request.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Remove contact' }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));

    expect(await screen.findByRole('button', { name: 'Add bob' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Message Bob Builder' })).not.toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/contacts/u2' });
  });

  it('offers to accept when they asked first', async () => {
    renderProfile({
      'GET /api/contacts/requests': () => ok({ incoming: [{ id: 'r9', from: bob, createdAt: since }], outgoing: [] }),
      'GET /api/users/u2': () => ok({ user: { ...bob, isContact: false } }),
      'POST /api/contacts/requests/r9/accept': () => ok({ contact: { user: bob, since } }),
    });

    expect(await screen.findByText('Bob Builder wants to add you as a contact.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Accept bob' }));

    expect(await screen.findByRole('button', { name: 'Message Bob Builder' })).toBeInTheDocument();
  });

  it('says so when there is no such user', async () => {
    renderProfile({ 'GET /api/users/nobody': () => apiError(404, 'NOT_FOUND', 'User not found') }, 'nobody');

    expect(await screen.findByRole('alert')).toHaveTextContent('There is no user with this address.');
    expect(screen.getByRole('heading', { name: 'Profile unavailable' })).toBeInTheDocument();
  });

  it('points to the settings on my own profile instead of offering actions', async () => {
    renderProfile({ 'GET /api/users/u1': () => ok({ user: { ...alice, online: true, isContact: false } }) }, 'u1');

    expect(await screen.findByRole('link', { name: 'Edit your profile' })).toHaveAttribute('href', '/settings/profile');
    expect(screen.queryByRole('button', { name: 'Add alice' })).not.toBeInTheDocument();
  });
});
