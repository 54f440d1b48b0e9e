import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { OpenGroup } from '@messenger/contract';
import { apiError, fakeApi, ok, type FakeReply, type FakeRoutes } from '../../test/fakeApi';
import { makeGroupChat, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const olga = makeUser({ id: 'u9', username: 'olga', displayName: 'Olga' });

const openGroup = (id: string, name: string, memberCount: number): OpenGroup => ({
  id,
  name,
  avatarUrl: null,
  memberCount,
  owner: { id: olga.id, username: olga.username, displayName: olga.displayName, avatarUrl: null },
  createdAt: '2025-01-01T00:00:00.000Z',
});
const hikers = openGroup('g1', 'Hikers', 12);
const readers = openGroup('g2', 'Readers', 1);

function browse(routes: FakeRoutes) {
  const requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [] }),
    'GET /api/chats/g1/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
    ...routes,
  });
  const router = renderAppAs(alice, '/groups');
  return { requests, router, user: userEvent.setup() };
}

const searchedFor = (requests: { path: string; query: Record<string, unknown> }[]) =>
  requests.filter((request) => request.path === '/api/chats/discover').map((request) => request.query.q);

describe('Browse groups', () => {
  it('is in the main navigation, and lists the open groups with their size and owner', async () => {
    browse({ 'GET /api/chats/discover': () => ok({ chats: [hikers, readers] }) });

    expect(screen.getByRole('link', { name: 'Groups' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { name: 'Browse groups' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Open groups' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      'HHikers12 members · owner OlgaJoin',
      'RReaders1 member · owner OlgaJoin',
    ]);
  });

  it('searches by name once typing pauses', async () => {
    const { requests, user } = browse({
      'GET /api/chats/discover': ({ query }) => ok({ chats: query.q === 'hik' ? [hikers] : [hikers, readers] }),
    });
    await screen.findByRole('button', { name: 'Join Readers' });

    await user.type(screen.getByRole('searchbox', { name: 'Search open groups' }), 'hik');
    await expect.poll(() => screen.queryByRole('button', { name: 'Join Readers' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Join Hikers' })).toBeInTheDocument();
    expect(searchedFor(requests)).toEqual(['', 'hik']);
  });

  it('says when nothing matches, and when there is nothing to join at all', async () => {
    const { user } = browse({ 'GET /api/chats/discover': () => ok({ chats: [] }) });
    expect(await screen.findByText(/No open groups to join yet/)).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search open groups' }), 'chess');
    expect(await screen.findByText('No open groups match “chess”.')).toBeInTheDocument();
  });

  it('joins a group and opens it, with the group in my chat list', async () => {
    const joined = { ...makeGroupChat('g1', 'Hikers', [olga, alice]), visibility: 'open' as const };
    const { requests, router, user } = browse({
      'GET /api/chats/discover': () => ok({ chats: [hikers] }),
      'POST /api/chats/g1/join': () => ok({ chat: joined }),
    });

    await user.click(await screen.findByRole('button', { name: 'Join Hikers' }));

    expect(await screen.findByRole('heading', { name: 'Hikers' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/chats/g1');
    expect(requests.some((request) => request.method === 'POST' && request.path === '/api/chats/g1/join')).toBe(true);
    expect(within(screen.getByRole('list', { name: 'Chat list' })).getByText('Hikers')).toBeInTheDocument();
  });

  it.each<[string, FakeReply, string]>([
    ['full', apiError(422, 'GROUP_FULL', 'full'), 'This group is full: a group can have at most 300 members.'],
    ['made private meanwhile', apiError(404, 'NOT_FOUND', 'Chat not found'), 'This group is no longer open to join.'],
  ])('explains a refused join (%s) and stays', async (_case, reply, explanation) => {
    const { router, user } = browse({
      'GET /api/chats/discover': () => ok({ chats: [hikers] }),
      'POST /api/chats/g1/join': () => reply,
    });
    await user.click(await screen.findByRole('button', { name: 'Join Hikers' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(explanation);
    expect(router.state.location.pathname).toBe('/groups');
  });

  it('shows a full group as full, without a Join button', async () => {
    browse({ 'GET /api/chats/discover': () => ok({ chats: [openGroup('g3', 'Crowd', 300)] }) });
    const list = await screen.findByRole('list', { name: 'Open groups' });
    expect(within(list).getByText('Full')).toBeInTheDocument();
    expect(within(list).queryByRole('button')).not.toBeInTheDocument();
  });
});
