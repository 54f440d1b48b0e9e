import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSession } from '@messenger/contract';
import { apiError, fakeApi, noContent, ok, type FakeRoutes } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { useSessionStore } from '../auth';
import { ProfileSettingsPage } from './ProfileSettingsPage';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });

function device(id: string, current: boolean): DeviceSession {
  const at = new Date().toISOString();
  return { id, userAgent: null, ip: null, createdAt: at, lastUsedAt: at, expiresAt: '2099-01-01T00:00:00Z', current };
}

function renderSettings(routes: FakeRoutes) {
  const requests = fakeApi({
    'GET /api/users/me': () => ok({ user: { ...alice, createdAt: '2024-06-15T10:00:00Z' } }),
    'GET /api/users/me/blocks': () => ok({ users: [] }),
    ...routes,
  });
  render(
    <MemoryRouter>
      <ProfileSettingsPage />
    </MemoryRouter>,
  );
  return requests;
}

async function changePassword(current: string, next: string, confirmation = next) {
  const user = userEvent.setup();
  const section = screen.getByRole('region', { name: 'Change password' });
  await user.type(within(section).getByLabelText('Current password'), current);
  await user.type(within(section).getByLabelText('New password'), next);
  await user.type(within(section).getByLabelText('Confirm new password'), confirmation);
  await user.click(within(section).getByRole('button', { name: 'Change password' }));
}

describe('Settings: change password', () => {
  beforeEach(() => {
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it('changes the password, says the other devices were signed out and lists the devices again', async () => {
    let otherDevicesSignedIn = true;
    const requests = renderSettings({
      'GET /api/auth/sessions': () =>
        ok({ sessions: otherDevicesSignedIn ? [device('s1', true), device('s2', false)] : [device('s1', true)] }),
      'PUT /api/users/me/password': () => {
        otherDevicesSignedIn = false;
        return noContent;
      },
    });
    const devices = await screen.findByRole('list', { name: 'Signed-in devices' });
    expect(within(devices).getAllByRole('listitem')).toHaveLength(2);

    await changePassword('old long password', 'new long password');

    expect(await screen.findByText(/^Password changed\. Your other devices were signed out/)).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'PUT')).toMatchObject({
      path: '/api/users/me/password',
      body: { currentPassword: 'old long password', newPassword: 'new long password' },
    });
    expect(await screen.findByText('No other device is signed in.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(useSessionStore.getState().status).toBe('signedIn');
  });

  it("refuses two different new passwords without asking the server, and shows the server's refusals", async () => {
    const requests = renderSettings({
      'GET /api/auth/sessions': () => ok({ sessions: [device('s1', true)] }),
      'PUT /api/users/me/password': () => apiError(403, 'INVALID_PASSWORD', 'Current password is wrong'),
    });
    await screen.findByRole('list', { name: 'Signed-in devices' });

    await changePassword('old long password', 'new long password', 'new long passwort');
    expect(screen.getByRole('alert')).toHaveTextContent('The two new passwords do not match.');
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);

    await userEvent.clear(screen.getByLabelText('Confirm new password'));
    await userEvent.type(screen.getByLabelText('Confirm new password'), 'new long password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Current password is wrong');
    expect(screen.queryByText(/^Password changed/)).not.toBeInTheDocument();
  });

  it('applies the register page rules to the new password', async () => {
    renderSettings({ 'GET /api/auth/sessions': () => ok({ sessions: [] }) });

    const field = await screen.findByLabelText('New password');
    expect(field).toHaveAttribute('minlength', '8');
    expect(field).toHaveAttribute('maxlength', '72');
    expect(field).toHaveAccessibleDescription('8 to 72 characters (fewer with accents or emoji).');
  });
});
