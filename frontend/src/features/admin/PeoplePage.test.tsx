import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, ok, type FakeRequest, type FakeRoutes } from '../../test/fakeApi';
import { renderAppAs } from '../../test/renderApp';
import type { AdminUser } from './adminApi';
import { makeAdminUser, signedInAs } from './adminTestData';

const me = signedInAs('u1', 'alice', 'admin');
const alice = makeAdminUser({ id: 'u1', username: 'alice', displayName: 'Alice', role: 'admin' });
const bob = makeAdminUser({ id: 'u2', username: 'bob', displayName: 'Bob', lastSeenAt: new Date().toISOString() });
const carol = makeAdminUser({
  id: 'u3',
  username: 'carol',
  displayName: 'Carol',
  status: 'deactivated',
  deactivatedAt: '2026-02-01T00:00:00.000Z',
});
const LOADED = { timeout: 10_000 };

function renderPeople(routes: FakeRoutes = {}) {
  const requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [] }),
    'GET /api/admin/users': () => ok({ users: [alice, bob, carol], nextCursor: null }),
    ...routes,
  });
  const router = renderAppAs(me, '/admin/people');
  return { requests, router, user: userEvent.setup() };
}

const peopleList = () => screen.findByRole('list', { name: 'People' }, LOADED);
const rowOf = async (name: string) => {
  const rows = within(await peopleList()).getAllByRole('listitem');
  const row = rows.find((item) => within(item).queryByRole('link', { name }));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};
const adminRequests = (requests: FakeRequest[], method: string, path: string) =>
  requests.filter((request) => request.method === method && request.path === path);

describe('People', () => {
  it('lists everyone with their role, status and times', async () => {
    renderPeople();

    const aliceRow = await rowOf('Alice');
    expect(within(aliceRow).getByText('Admin')).toBeInTheDocument();
    expect(within(aliceRow).getByText('You')).toBeInTheDocument();
    expect(within(await rowOf('Bob')).getByText(/last seen just now/)).toBeInTheDocument();
    const carolRow = await rowOf('Carol');
    expect(within(carolRow).getByText('Deactivated')).toBeInTheDocument();
    expect(within(carolRow).getByText(/never seen · deactivated/)).toBeInTheDocument();
    expect(within(carolRow).getByRole('button', { name: 'Reactivate carol' })).toBeInTheDocument();
  });

  it('searches once the typing pauses, filters by status and loads more', async () => {
    const { requests, user } = renderPeople({
      'GET /api/admin/users': ({ query }) => {
        if (query.cursor === 'page-2') return ok({ users: [carol], nextCursor: null });
        if (query.q === 'bo') return ok({ users: [bob], nextCursor: null });
        return ok({ users: [alice, bob], nextCursor: 'page-2' });
      },
    });
    await rowOf('Bob');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await rowOf('Carol');
    expect(requests.at(-1)?.query).toMatchObject({ cursor: 'page-2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Search people' }), 'bo');
    await waitFor(async () => expect(within(await peopleList()).getAllByRole('listitem')).toHaveLength(1));
    const searches = adminRequests(requests, 'GET', '/api/admin/users').filter((request) => request.query.q);
    // One request for the pause after "bo", none for "b" alone.
    expect(searches.map((request) => request.query.q)).toEqual(['bo']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Deactivated');
    await waitFor(() => expect(requests.at(-1)?.query).toMatchObject({ q: 'bo', status: 'deactivated' }));
  });

  it('deactivates a person after confirming, and reactivates them', async () => {
    const { requests, user } = renderPeople({
      'POST /api/admin/users/u2/deactivate': () =>
        ok({ user: { ...bob, status: 'deactivated', deactivatedAt: new Date().toISOString() } }),
      'POST /api/admin/users/u2/reactivate': () => ok({ user: bob }),
    });

    await user.click(within(await rowOf('Bob')).getByRole('button', { name: 'Deactivate bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Bob?' });
    expect(within(dialog).getByText(/signed out on every device/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    const bobRow = await rowOf('Bob');
    expect(await within(bobRow).findByText('Deactivated')).toBeInTheDocument();
    expect(adminRequests(requests, 'POST', '/api/admin/users/u2/deactivate')).toHaveLength(1);

    await user.click(within(bobRow).getByRole('button', { name: 'Reactivate bob' }));
    expect(await within(bobRow).findByRole('button', { name: 'Deactivate bob' })).toBeInTheDocument();
    expect(within(bobRow).queryByText('Deactivated')).not.toBeInTheDocument();
  });

  it('asks nothing of the server when the confirmation is cancelled', async () => {
    const { requests, user } = renderPeople();

    await user.click(within(await rowOf('Bob')).getByRole('button', { name: 'Deactivate bob' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('does not offer to deactivate yourself, and says why', async () => {
    renderPeople();

    const button = within(await rowOf('Alice')).getByRole('button', { name: 'Deactivate alice' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('You cannot deactivate your own account.');
  });

  it('makes a member an admin', async () => {
    const { requests, user } = renderPeople({
      'PUT /api/admin/users/u2': ({ body }) => ok({ user: { ...bob, ...(body as Partial<AdminUser>) } }),
    });

    await user.click(within(await rowOf('Bob')).getByRole('button', { name: 'Make admin: bob' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Make Bob an admin?' })).getByRole('button', { name: 'Make admin' }),
    );

    const bobRow = await rowOf('Bob');
    expect(await within(bobRow).findByText('Admin')).toBeInTheDocument();
    expect(within(bobRow).getByRole('button', { name: 'Remove admin: bob' })).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/admin/users/u2', body: { role: 'admin' } });
  });

  it('shows the server’s refusal in the person’s row, such as removing the last admin', async () => {
    const { user } = renderPeople({
      'PUT /api/admin/users/u1': () => apiError(409, 'LAST_ADMIN', 'The last admin cannot be removed'),
    });

    const aliceRow = await rowOf('Alice');
    await user.click(within(aliceRow).getByRole('button', { name: 'Remove admin: alice' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Alice as admin?' });
    expect(within(dialog).getByText('You will no longer see the Admin area.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Remove admin' }));

    expect(await within(aliceRow).findByRole('alert')).toHaveTextContent('The last admin cannot be removed');
    expect(within(aliceRow).getByText('Admin')).toBeInTheDocument();
  });

  it('takes an admin who removed their own role back to the chats, without the Admin entry', async () => {
    const { router, user } = renderPeople({
      'PUT /api/admin/users/u1': () => ok({ user: { ...alice, role: 'member' } }),
    });

    await user.click(within(await rowOf('Alice')).getByRole('button', { name: 'Remove admin: alice' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove admin' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/chats'));
    expect(await screen.findByText('You are no longer an admin.')).toBeInTheDocument();
    const mainNav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(mainNav).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });
});
