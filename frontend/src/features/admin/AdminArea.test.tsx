import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, ok, type FakeRequest } from '../../test/fakeApi';
import { renderAppAs } from '../../test/renderApp';
import { signedInAs } from './adminTestData';

const admin = signedInAs('u1', 'alice', 'admin');
const member = signedInAs('u2', 'bob', 'member');
// The first visit loads the Admin area's code: give it time on a busy test run.
const LOADED = { timeout: 10_000 };

let requests: FakeRequest[];

beforeEach(() => {
  requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [] }),
    'GET /api/admin/users': () => ok({ users: [], nextCursor: null }),
    'GET /api/admin/settings': () => ok({ settings: { registration: 'open' } }),
    'GET /api/admin/invites': () => ok({ invites: [] }),
    'GET /api/admin/audit': () => ok({ entries: [], nextCursor: null }),
  });
});

const mainNav = () => screen.getByRole('navigation', { name: 'Main' });

describe('the Admin area', () => {
  it('is in the navigation of an admin, opens on People and has a link to each section', async () => {
    const router = renderAppAs(admin, '/chats');
    const user = userEvent.setup();

    await user.click(within(mainNav()).getByRole('link', { name: 'Admin' }));

    expect(await screen.findByRole('heading', { name: 'People' }, LOADED)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/admin/people');
    const sections = screen.getByRole('navigation', { name: 'Admin sections' });
    await user.click(within(sections).getByRole('link', { name: 'Registration' }));
    expect(await screen.findByRole('heading', { name: 'Who may register' }, LOADED)).toBeInTheDocument();
    await user.click(within(sections).getByRole('link', { name: 'Audit' }));
    expect(await screen.findByRole('heading', { name: 'Audit log' }, LOADED)).toBeInTheDocument();
    expect(within(sections).getByRole('link', { name: 'Audit' })).toHaveAttribute('aria-current', 'page');
  });

  it('is not in the navigation of a member, and typing its address says it is not allowed', async () => {
    renderAppAs(member, '/admin/people');

    expect(await screen.findByRole('heading', { name: 'Not allowed' }, LOADED)).toBeInTheDocument();
    expect(screen.getByText('The Admin area is only for admins of this messenger.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to your chats' })).toHaveAttribute('href', '/chats');
    expect(within(mainNav()).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
    expect(within(mainNav()).getByRole('link', { name: 'Profile' })).toBeInTheDocument();
    expect(requests.filter((request) => request.path.startsWith('/api/admin'))).toEqual([]);
  });

  it('counts a signed-in user without a role as a member', async () => {
    const { role: _role, ...withoutRole } = admin;
    renderAppAs(withoutRole, '/admin');

    expect(await screen.findByRole('heading', { name: 'Not allowed' }, LOADED)).toBeInTheDocument();
  });
});
