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
const me = { ...alice, createdAt: '2024-06-15T10:00:00Z' };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function session(id: string, userAgent: string | null, overrides: Partial<DeviceSession> = {}): DeviceSession {
  return {
    id,
    userAgent,
    ip: '203.0.113.7',
    createdAt: '2025-01-01T00:00:00Z',
    lastUsedAt: minutesAgo(1),
    expiresAt: '2099-01-01T00:00:00Z',
    current: false,
    ...overrides,
  };
}

const thisLaptop = session('s1', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', {
  current: true,
});
const phone = session(
  's2',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  { ip: '198.51.100.4', lastUsedAt: minutesAgo(5) },
);
const office = session(
  's3',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  { lastUsedAt: minutesAgo(60 * 24 * 3) },
);

function renderSettings(routes: FakeRoutes) {
  const requests = fakeApi({
    'GET /api/users/me': () => ok({ user: me }),
    'GET /api/auth/sessions': () => ok({ sessions: [phone, office, thisLaptop] }),
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

describe('ProfileSettingsPage', () => {
  beforeEach(() => {
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it('shows my username and since when I am a member, and saves a new display name', async () => {
    const requests = renderSettings({
      'PUT /api/users/me': ({ body }) => ok({ user: { ...me, ...(body as object) } }),
    });
    const user = userEvent.setup();

    const field = await screen.findByLabelText('Display name');
    expect(field).toHaveValue('Alice');
    expect(screen.getByText('@alice')).toBeInTheDocument();
    expect(screen.getByText('Member since').nextSibling).toHaveTextContent('2024');

    await user.clear(field);
    await user.type(field, '  Alice Liddell ');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Profile saved.')).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'PUT', body: { displayName: 'Alice Liddell' } });
    expect(field).toHaveValue('Alice Liddell');
    expect(useSessionStore.getState().user?.displayName).toBe('Alice Liddell');
  });

  it("refuses a blank name without asking the server, and shows the server's own refusals", async () => {
    const requests = renderSettings({
      'PUT /api/users/me': () => apiError(400, 'VALIDATION_ERROR', 'displayName is too long'),
    });
    const user = userEvent.setup();
    const field = await screen.findByLabelText('Display name');

    await user.clear(field);
    await user.type(field, '   ');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Display name cannot be empty.');
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);

    await user.type(field, 'x');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('displayName is too long');
    expect(screen.queryByText('Profile saved.')).not.toBeInTheDocument();
  });

  it('lists the signed-in devices, this one first and marked', async () => {
    renderSettings({});

    const devices = await screen.findByRole('list', { name: 'Signed-in devices' });
    const [first, second, third] = within(devices).getAllByRole('listitem');
    expect(first).toHaveTextContent('Firefox on Linux');
    expect(first).toHaveTextContent('This device');
    expect(within(first!).queryByRole('button')).not.toBeInTheDocument();
    expect(second).toHaveTextContent('Safari on iOS');
    expect(second).toHaveTextContent('IP 198.51.100.4 · Last active 5 minutes ago');
    expect(third).toHaveTextContent('Chrome on Windows');
    expect(third).toHaveTextContent('Last active 3 days ago');
  });

  it('signs out another device', async () => {
    const requests = renderSettings({ 'DELETE /api/auth/sessions/:id': () => noContent });

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out Safari on iOS' }));

    expect(await screen.findByText('Signed out Safari on iOS.')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Signed-in devices' })).not.toHaveTextContent('Safari on iOS');
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/auth/sessions/s2' });
  });

  it('signs out everywhere else, keeping this device', async () => {
    const requests = renderSettings({ 'DELETE /api/auth/sessions/:id': () => noContent });

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out everywhere else' }));

    expect(await screen.findByText('Signed out everywhere else.')).toBeInTheDocument();
    const revoked = requests.filter((request) => request.method === 'DELETE').map((request) => request.path);
    expect(revoked.toSorted()).toEqual(['/api/auth/sessions/s2', '/api/auth/sessions/s3']);
    expect(within(screen.getByRole('list', { name: 'Signed-in devices' })).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText('No other device is signed in.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).not.toBeInTheDocument();
  });
});

describe('ProfileSettingsPage avatar', () => {
  beforeEach(() => {
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it('uploads a new avatar as a square, saves it and can remove it', async () => {
    const thumbnailUrl = '/api/attachments/p1/thumbnail';
    const requests = renderSettings({
      'POST /api/attachments': () => ({
        status: 201,
        body: {
          attachment: {
            id: 'p1',
            mime: 'image/png',
            size: 9,
            width: 64,
            height: 64,
            url: '/api/attachments/p1',
            thumbnailUrl,
          },
        },
      }),
      'PUT /api/users/me': ({ body }) => {
        const { avatarAttachmentId } = body as { avatarAttachmentId: string | null };
        return ok({ user: { ...me, avatarUrl: avatarAttachmentId ? thumbnailUrl : null } });
      },
      'GET /api/attachments/p1/thumbnail': () => ({ status: 200, body: new Blob(['png']) }),
    });
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Avatar'), new File(['png'], 'me.png', { type: 'image/png' }));

    expect(await screen.findByText('Avatar saved.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Avatar preview' })).toBeInTheDocument();
    const upload = requests.find((request) => request.path === '/api/attachments');
    expect(upload?.query).toEqual({ purpose: 'avatar' });
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({ avatarAttachmentId: 'p1' });
    expect(useSessionStore.getState().user?.avatarUrl).toBe(thumbnailUrl);

    await user.click(screen.getByRole('button', { name: 'Remove avatar' }));

    expect(await screen.findByText('Avatar removed.')).toBeInTheDocument();
    expect(requests.filter((request) => request.method === 'PUT').at(-1)?.body).toEqual({ avatarAttachmentId: null });
    expect(screen.queryByRole('img', { name: 'Avatar preview' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove avatar' })).not.toBeInTheDocument();
  });

  it('explains a file the server refuses', async () => {
    renderSettings({
      'POST /api/attachments': () => apiError(413, 'PAYLOAD_TOO_LARGE', 'too large'),
    });
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('Avatar'), new File(['png'], 'me.png', { type: 'image/png' }));

    expect(await screen.findByText('That file is too big (max 10 MB).')).toBeInTheDocument();
  });
});
