import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok, type FakeReply } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { UserSearch } from './UserSearch';

const carl = makeUser({ id: 'u5', username: 'carl', displayName: 'Carl Sagan' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol Danvers' });

/** Holds every search answer until the test releases it, to play the network out of order. */
function controlledSearch() {
  const pending = new Map<string, (reply: FakeReply) => void>();
  const requests = fakeApi({
    'GET /api/users/search': ({ query }) => new Promise((resolve) => pending.set(String(query.q), resolve)),
  });
  const answer = (query: string, users: unknown[]) => pending.get(query)?.({ status: 200, body: { users } });
  const searchedFor = () => requests.map((request) => request.query.q);
  return { answer, searchedFor };
}

function renderSearch() {
  render(
    <MemoryRouter>
      <UserSearch />
    </MemoryRouter>,
  );
  return screen.getByLabelText('Search users');
}

describe('UserSearch', () => {
  it('waits for a pause in typing and asks once', async () => {
    const { answer, searchedFor } = controlledSearch();
    const input = renderSearch();

    await userEvent.type(input, 'carol');
    expect(searchedFor()).toEqual([]);

    await expect.poll(searchedFor).toEqual(['carol']);
    answer('carol', [carol]);
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(within(results).getByRole('button', { name: 'Add carol' })).toBeInTheDocument();
  });

  it('ignores the answer to an older query that arrives after the newer one', async () => {
    const { answer, searchedFor } = controlledSearch();
    const input = renderSearch();

    await userEvent.type(input, 'car');
    await expect.poll(searchedFor).toEqual(['car']);
    await userEvent.type(input, 'o');
    await expect.poll(searchedFor).toEqual(['car', 'caro']);

    answer('caro', [carol]);
    expect(await screen.findByRole('button', { name: 'Add carol' })).toBeInTheDocument();
    answer('car', [carl, carol]);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(screen.queryByRole('button', { name: 'Add carl' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add carol' })).toBeInTheDocument();
  });

  it('says when nobody matches', async () => {
    fakeApi({ 'GET /api/users/search': () => ok({ users: [] }) });
    await userEvent.type(renderSearch(), 'zed');

    expect(await screen.findByText('Nobody matches “zed”.')).toBeInTheDocument();
  });
});
