import { render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, created, fakeApi, noContent, ok, type FakeRoutes } from '../../test/fakeApi';
import { renderAppAs } from '../../test/renderApp';
import type { Invite } from './adminApi';
import { signedInAs } from './adminTestData';
import { RegistrationModeSection } from './RegistrationModeSection';

const LOADED = { timeout: 10_000 };
const unlimited: Invite = {
  id: 'i1',
  code: 'TEAM2026',
  url: '/register?invite=TEAM2026',
  maxUses: null,
  uses: 3,
  expiresAt: null,
};
const limited: Invite = {
  id: 'i2',
  code: 'ONCE',
  url: 'https://chat.example.org/register?invite=ONCE',
  maxUses: 1,
  uses: 0,
  expiresAt: '2099-01-01T12:00:00.000Z',
};

function renderRegistration(routes: FakeRoutes = {}) {
  const requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [] }),
    'GET /api/admin/settings': () => ok({ settings: { registration: 'open' } }),
    'GET /api/admin/invites': () => ok({ invites: [unlimited, limited] }),
    ...routes,
  });
  renderAppAs(signedInAs('u1', 'alice', 'admin'), '/admin/registration');
  return { requests, user: userEvent.setup() };
}

const invitesList = () => screen.findByRole('list', { name: 'Invites' }, LOADED);

describe('Registration', () => {
  it('shows the current mode with what each one means, and saves another', async () => {
    const { requests, user } = renderRegistration({
      'PUT /api/admin/settings': ({ body }) => ok({ settings: body }),
    });

    const open = await screen.findByRole('radio', { name: 'Open' }, LOADED);
    expect(open).toBeChecked();
    const byInvitation = screen.getByRole('radio', { name: 'By invitation' });
    expect(byInvitation).toHaveAccessibleDescription(/need an invite link/);
    expect(screen.getByRole('radio', { name: 'Closed' })).toHaveAccessibleDescription(/Nobody can create an account/);
    const save = screen.getByRole('button', { name: 'Save registration setting' });
    expect(save).toBeDisabled();

    await user.click(byInvitation);
    await user.click(save);

    expect(await screen.findByText('Registration setting saved.')).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/api/admin/settings',
      body: { registration: 'invite' },
    });
    expect(byInvitation).toBeChecked();
    expect(save).toBeDisabled();
  });

  it('shows why saving failed', async () => {
    const { user } = renderRegistration({
      'PUT /api/admin/settings': () => apiError(403, 'FORBIDDEN', 'Only admins can do this'),
    });

    await user.click(await screen.findByRole('radio', { name: 'Closed' }, LOADED));
    await user.click(screen.getByRole('button', { name: 'Save registration setting' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Only admins can do this');
  });

  it("lists the invites with their full links at the app's own address, uses and expiry", async () => {
    const { user } = renderRegistration();

    const list = await invitesList();
    const teamLink = within(list).getByRole('textbox', { name: 'Invite TEAM2026' });
    expect(teamLink).toHaveValue(`${window.location.origin}/register?invite=TEAM2026`);
    expect(within(list).getByText('Used 3 times, no limit · Never expires')).toBeInTheDocument();
    // The server's FRONTEND_URL may be a development default; the admin is looking at the address people open.
    expect(within(list).getByRole('textbox', { name: 'Invite ONCE' })).toHaveValue(
      `${window.location.origin}/register?invite=ONCE`,
    );
    expect(within(list).getByText(/^Used 0 of 1 time · Expires/)).toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Copy link for invite TEAM2026' }));
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/register?invite=TEAM2026`);
  });

  it('creates an invite with a limit and an expiry, and shows it first', async () => {
    const fresh: Invite = {
      id: 'i3',
      code: 'NEW',
      url: '/register?invite=NEW',
      maxUses: 5,
      uses: 0,
      expiresAt: '2099-01-02T00:00:00.000Z',
    };
    const { requests, user } = renderRegistration({ 'POST /api/admin/invites': () => created({ invite: fresh }) });

    await invitesList();
    await user.type(screen.getByRole('spinbutton', { name: 'Maximum uses' }), '5');
    await user.type(screen.getByRole('spinbutton', { name: 'Expires in (hours)' }), '48');
    await user.click(screen.getByRole('button', { name: 'Create invite' }));

    expect(await screen.findByText('Invite created: copy its link below.')).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'POST', body: { maxUses: 5, expiresInHours: 48 } });
    const links = within(await invitesList()).getAllByRole('textbox');
    expect(links[0]).toHaveAccessibleName('Invite NEW');
    expect(screen.getByRole('spinbutton', { name: 'Maximum uses' })).toHaveValue(null);
  });

  it('creates an invite without limits when the fields are left empty', async () => {
    const { requests, user } = renderRegistration({
      'POST /api/admin/invites': () => created({ invite: { ...unlimited, id: 'i4', code: 'ANY' } }),
    });

    await invitesList();
    await user.click(screen.getByRole('button', { name: 'Create invite' }));

    await waitFor(() => expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/admin/invites' }));
    expect(requests.at(-1)?.body).toEqual({});
  });

  it('revokes an invite after confirming', async () => {
    const { requests, user } = renderRegistration({ 'DELETE /api/admin/invites/:id': () => noContent });

    await user.click(within(await invitesList()).getByRole('button', { name: 'Revoke invite ONCE' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke invite ONCE?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Invite ONCE' })).not.toBeInTheDocument());
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/admin/invites/i2' });
    expect(screen.getByRole('textbox', { name: 'Invite TEAM2026' })).toBeInTheDocument();
  });

  it('keeps an invite the server refused to revoke, and says why', async () => {
    const { user } = renderRegistration({
      'DELETE /api/admin/invites/:id': () => apiError(404, 'NOT_FOUND', 'Invite not found'),
    });

    await user.click(within(await invitesList()).getByRole('button', { name: 'Revoke invite ONCE' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Invite not found');
    expect(screen.getByRole('textbox', { name: 'Invite ONCE' })).toBeInTheDocument();
  });
});

describe('Registration mode, loaded twice', () => {
  it('keeps the mode the admin picked when an earlier load answers late', async () => {
    // React may run the page's loading effect twice (StrictMode here; a Suspense boundary hiding and showing the
    // page in production): the first answer, arriving after the admin picked a mode, must not undo the pick.
    let releaseFirst: () => void = () => undefined;
    let loads = 0;
    fakeApi({
      'GET /api/admin/settings': () => {
        loads += 1;
        const reply = ok({ settings: { registration: 'open' } });
        return loads === 1 ? new Promise((resolve) => (releaseFirst = () => resolve(reply))) : reply;
      },
    });
    render(
      <StrictMode>
        <RegistrationModeSection />
      </StrictMode>,
    );
    const user = userEvent.setup();

    await user.click(await screen.findByRole('radio', { name: 'By invitation' }, LOADED));
    releaseFirst();
    await waitFor(() => expect(loads).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(screen.getByRole('radio', { name: 'By invitation' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save registration setting' })).toBeEnabled();
  });
});
