import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, ok, type FakeRoutes } from '../../test/fakeApi';
import { renderAppAs } from '../../test/renderApp';
import type { AuditEntry } from './adminApi';
import { signedInAs } from './adminTestData';

const LOADED = { timeout: 10_000 };

function entry(id: string, action: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    actor: { id: 'u1', label: 'alice' },
    action,
    target: { id: 'u2', label: 'bob' },
    details: {},
    createdAt: '2026-12-06T09:15:00.000Z',
    ...overrides,
  };
}

function renderAudit(routes: FakeRoutes) {
  const requests = fakeApi({ 'GET /api/chats': () => ok({ chats: [] }), ...routes });
  renderAppAs(signedInAs('u1', 'alice', 'admin'), '/admin/audit');
  return { requests, user: userEvent.setup() };
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(0, 3)
        .map((cell) => cell.textContent),
    );

describe('Audit', () => {
  it('lists who did what to whom and when, in words, and loads more', async () => {
    const { requests, user } = renderAudit({
      'GET /api/admin/audit': ({ query }) =>
        query.cursor === 'next'
          ? ok({ entries: [entry('e5', 'invite.create', { target: null })], nextCursor: null })
          : ok({
              entries: [
                entry('e1', 'user.role-change', { details: { from: 'member', to: 'admin' } }),
                entry('e2', 'user.deactivate'),
                entry('e3', 'registration.update', {
                  actor: { id: null, label: 'command line' },
                  target: null,
                  details: { from: 'open', to: 'invite' },
                }),
                entry('e4', 'user.teleport'),
              ],
              nextCursor: 'next',
            }),
    });

    const table = await screen.findByRole('table', {}, LOADED);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Who', 'What', 'Whom', 'When']);
    expect(rowTexts(table)).toEqual([
      ['alice', 'Changed role to admin', 'bob'],
      ['alice', 'Deactivated account', 'bob'],
      ['command line', 'Changed who may register to invite', '—'],
      ['alice', 'user.teleport', 'bob'],
    ]);
    expect(within(table).getAllByRole('time')[0]).toHaveAttribute('datetime', '2026-12-06T09:15:00.000Z');

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await within(table).findByText('Created invite')).toBeInTheDocument();
    expect(requests.at(-1)?.query).toMatchObject({ cursor: 'next' });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says so when nothing has been done yet', async () => {
    renderAudit({ 'GET /api/admin/audit': () => ok({ entries: [], nextCursor: null }) });

    expect(await screen.findByText('No admin action yet.', {}, LOADED)).toBeInTheDocument();
  });

  it('shows the server’s refusal', async () => {
    renderAudit({ 'GET /api/admin/audit': () => apiError(403, 'FORBIDDEN', 'Only admins can do this') });

    expect(await screen.findByRole('alert', {}, LOADED)).toHaveTextContent('Only admins can do this');
    expect(screen.queryByText('Loading the audit log…')).not.toBeInTheDocument();
  });
});
