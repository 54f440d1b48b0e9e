import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Chat, HighlightSegment, SearchResult } from '@messenger/contract';
import { apiError, fakeApi, ok, type FakeReply, type FakeRoutes } from '../../test/fakeApi';
import { makeDirectChat, makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });
const team = makeGroupChat('g1', 'Team', [alice, bob, carol]);
const direct = makeDirectChat('d1', [alice, bob]);

const plain = (text: string): HighlightSegment => ({ text, match: false });
const found = (text: string): HighlightSegment => ({ text, match: true });

function result(id: string, chat: Chat, highlight: HighlightSegment[], mentions: string[] = []): SearchResult {
  const content = highlight.map((segment) => segment.text).join('');
  return {
    message: makeMessage({ id, chatId: chat.id, seq: 1, sender: bob, content, mentions }),
    chat: { id: chat.id, type: chat.type, name: chat.name },
    highlight,
  };
}

const answer = (results: SearchResult[], more = {}) =>
  ok({ results, nextCursor: null, total: results.length, ...more });

function openSearch(path: string, routes: FakeRoutes) {
  const requests = fakeApi({ 'GET /api/chats': () => ok({ chats: [team, direct] }), ...routes });
  const router = renderAppAs(alice, path);
  const searches = () => requests.filter((request) => request.path === '/api/search').map(({ query }) => query);
  return { router, searches, user: userEvent.setup() };
}

const searchBox = () => screen.findByRole('searchbox', { name: 'Search messages' });
const resultList = () => screen.findByRole('list', { name: 'Search results' });

describe('SearchPage', () => {
  it('waits for a pause in typing, asks once, and shows the count with the matches marked', async () => {
    const lunch = result('m1', team, [plain('Lunch at the '), found('café'), plain('?')]);
    const { router, searches, user } = openSearch('/search', { 'GET /api/search': () => answer([lunch]) });

    const input = await searchBox();
    expect(input).toHaveFocus();
    await user.type(input, 'cafe');

    await expect.poll(searches).toEqual([expect.objectContaining({ q: 'cafe' })]);
    expect(await screen.findByText('1 result')).toBeInTheDocument();
    const results = await resultList();
    expect(within(results).getByText('café', { selector: 'mark' })).toBeInTheDocument();
    expect(within(results).getByRole('link', { name: 'Lunch at the café?' })).toHaveAttribute(
      'href',
      '/chats/g1/messages/m1',
    );
    expect(within(results).getByText('Team')).toBeInTheDocument();
    expect(within(results).getByRole('link', { name: 'Bob Builder' })).toHaveAttribute('href', '/users/u2');
    expect(router.state.location.search).toBe('?q=cafe');
    expect(searches()).toHaveLength(1);
  });

  it('searches for the query in the address at once, and shows markup in a message as text', async () => {
    const tricky = result('m2', direct, [plain('<b>bold</b> <img src=x onerror=alert(1)> '), found('cafe')]);
    openSearch('/search?q=cafe', { 'GET /api/search': () => answer([tricky], { total: 2 }) });

    const results = await resultList();
    expect(await searchBox()).toHaveValue('cafe');
    expect(screen.getByText('2 results')).toBeInTheDocument();
    expect(
      within(results).getByRole('link', { name: /^<b>bold<\/b> <img src=x onerror=alert\(1\)> cafe$/ }),
    ).toBeInTheDocument();
    expect(results.querySelector('b, img')).toBeNull();
    // A direct chat is named after the other person.
    expect(within(results).getAllByText('Bob Builder')).toHaveLength(2);
  });

  it('shows the people a result mentions as its chat does, and the found words marked, inside a mention too', async () => {
    const highlight = [plain('@'), found('alice'), plain(' and @carol, '), found('lunch'), plain('? not @bob')];
    openSearch('/search?q=alice+lunch', {
      'GET /api/search': () => answer([result('m5', team, highlight, ['u1', 'u3'])]),
    });

    const snippet = within(await resultList()).getByRole('link', { name: '@alice and @carol, lunch? not @bob' });
    const mine = snippet.querySelectorAll('mark[data-mention="me"]');
    expect([...mine].map((mention) => mention.textContent)).toEqual(['@alice']);
    expect(within(mine[0] as HTMLElement).getByText('alice', { selector: 'mark' })).toBeInTheDocument();
    expect([...snippet.querySelectorAll('[data-mention="other"]')].map((mention) => mention.textContent)).toEqual([
      '@carol',
    ]);
    expect(within(snippet).getByText('lunch', { selector: 'mark' })).not.toHaveAttribute('data-mention');
  });

  it('keeps to the newest query when the answer to an older one arrives after it', async () => {
    const pending = new Map<string, (reply: FakeReply) => void>();
    const { user } = openSearch('/search', {
      'GET /api/search': ({ query }) => new Promise((resolve) => pending.set(String(query.q), resolve)),
    });
    const input = await searchBox();
    await user.type(input, 'tea');
    await expect.poll(() => pending.has('tea')).toBe(true);
    await user.type(input, 'm');
    await expect.poll(() => pending.has('team')).toBe(true);

    pending.get('team')?.(answer([result('m2', team, [found('team'), plain(' meeting')])]));
    const results = await resultList();
    pending.get('tea')?.(answer([result('m1', team, [found('tea'), plain(' time')])]));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(within(results).getByRole('link', { name: 'team meeting' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'tea time' })).not.toBeInTheDocument();
  });

  it('loads the next page after the results already shown', async () => {
    const first = [1, 2].map((n) => result(`m${n}`, team, [found('plan'), plain(` ${n}`)]));
    const last = result('m3', team, [found('plan'), plain(' 3')]);
    const { searches, user } = openSearch('/search?q=plan', {
      'GET /api/search': ({ query }) =>
        query.cursor === '2' ? answer([last], { total: 3 }) : answer(first, { nextCursor: '2', total: 3 }),
    });

    const results = await resultList();
    expect(screen.getByText('3 results')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more results' }));

    expect(await within(results).findByRole('link', { name: 'plan 3' })).toBeInTheDocument();
    expect(within(results).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more results' })).not.toBeInTheDocument();
    expect(searches().at(-1)).toMatchObject({ q: 'plan', cursor: '2' });
  });

  it('explains the syntax before anything is typed, and says when nothing matches', async () => {
    const { user } = openSearch('/search', { 'GET /api/search': () => answer([]) });

    expect(await screen.findByText(/finds the words together/)).toBeInTheDocument();
    await user.type(await searchBox(), 'zebra');

    expect(await screen.findByText('No messages match “zebra”.')).toBeInTheDocument();
    expect(screen.queryByText(/finds the words together/)).not.toBeInTheDocument();
  });

  it("shows the server's error and keeps what was typed", async () => {
    const { user } = openSearch('/search', {
      'GET /api/search': () => apiError(400, 'VALIDATION_ERROR', 'q: must be a search query'),
    });

    await user.type(await searchBox(), '"');

    expect(await screen.findByRole('alert')).toHaveTextContent('q: must be a search query');
    expect(await searchBox()).toHaveValue('"');
  });

  it('searches one chat when the address names it, and offers all chats instead', async () => {
    const { router, searches, user } = openSearch('/search?chatId=g1&q=plan', {
      'GET /api/search': () => answer([result('m1', team, [found('plan')])]),
    });

    await resultList();
    expect(screen.getByText(/^Searching in/)).toHaveTextContent('Searching in Team.');
    expect(searches()[0]).toMatchObject({ q: 'plan', chatId: 'g1' });

    await user.click(screen.getByRole('link', { name: 'Search all chats' }));

    expect(router.state.location.search).toBe('?q=plan');
    await expect.poll(() => searches().at(-1)?.chatId).toBeUndefined();
    expect(screen.queryByText(/^Searching in/)).not.toBeInTheDocument();
  });

  it('lists the messages that mention me with the filter, without words too, and keeps it in the address', async () => {
    const mention = result('m4', team, [plain('@alice can you check the deploy?')]);
    const { router, searches, user } = openSearch('/search', {
      'GET /api/search': ({ query }) => answer(query.mentions === 'me' && !query.q ? [mention] : []),
    });
    await searchBox();

    await user.click(screen.getByRole('checkbox', { name: 'Only messages that mention me' }));

    const results = await resultList();
    expect(within(results).getByRole('link', { name: '@alice can you check the deploy?' })).toBeInTheDocument();
    expect(searches()).toHaveLength(1);
    expect(searches()[0]).toMatchObject({ mentions: 'me' });
    expect(searches()[0]).not.toHaveProperty('q');
    expect(router.state.location.search).toBe('?mentions=me');

    await user.type(await searchBox(), 'lunch');
    expect(await screen.findByText('No messages that mention you match “lunch”.')).toBeInTheDocument();
    expect(searches().at(-1)).toMatchObject({ q: 'lunch', mentions: 'me' });

    await user.click(screen.getByRole('checkbox', { name: 'Only messages that mention me' }));
    expect(await screen.findByText('No messages match “lunch”.')).toBeInTheDocument();
    expect(searches().at(-1)).not.toHaveProperty('mentions');
    expect(router.state.location.search).toBe('?q=lunch');
  });
});
