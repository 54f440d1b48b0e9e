import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, fakeApi, noContent, ok, type FakeRoutes } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { useSessionStore } from '../auth';
import { BlockedUsersSection } from './BlockedUsersSection';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const blockedAt = '2025-01-01T00:00:00Z';
const mallory = { id: 'u3', username: 'mallory', displayName: 'Mallory', avatarUrl: null, blockedAt };
const trent = { id: 'u4', username: 'trent', displayName: 'Trent', avatarUrl: null, blockedAt, deactivated: true };

function renderSection(routes: FakeRoutes) {
  const requests = fakeApi(routes);
  render(
    <MemoryRouter>
      <BlockedUsersSection />
    </MemoryRouter>,
  );
  return requests;
}

describe('Settings: blocked users', () => {
  beforeEach(() => {
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it('lists the people I blocked, linking to their profiles, and unblocks one', async () => {
    const requests = renderSection({
      'GET /api/users/me/blocks': () => ok({ users: [mallory, trent] }),
      'DELETE /api/users/:id/block': () => noContent,
    });

    const list = await screen.findByRole('list', { name: 'Blocked users' });
    expect(within(list).getByRole('link', { name: 'Mallory' })).toHaveAttribute('href', '/users/u3');
    expect(within(list).getByRole('link', { name: 'Trent (deactivated)' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Unblock mallory' }));

    expect(await screen.findByText('Unblocked Mallory.')).toBeInTheDocument();
    expect(within(list).queryByText('Mallory')).not.toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/users/u3/block' });
  });

  it('says when nobody is blocked', async () => {
    renderSection({ 'GET /api/users/me/blocks': () => ok({ users: [] }) });

    expect(await screen.findByText('You have not blocked anyone.')).toBeInTheDocument();
  });

  it('keeps someone listed when unblocking fails, saying why', async () => {
    renderSection({
      'GET /api/users/me/blocks': () => ok({ users: [mallory] }),
      'DELETE /api/users/:id/block': () => apiError(500, 'INTERNAL', 'Something broke'),
    });

    await userEvent.click(await screen.findByRole('button', { name: 'Unblock mallory' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Something broke');
    expect(screen.getByRole('button', { name: 'Unblock mallory' })).toBeInTheDocument();
  });
});
