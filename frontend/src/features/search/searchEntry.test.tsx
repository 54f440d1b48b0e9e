import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const team = makeGroupChat('g1', 'Team', [alice, bob]);

function openApp(path: string) {
  fakeApi({
    'GET /api/chats': () => ok({ chats: [team] }),
    'GET /api/chats/g1/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
    'GET /api/search': () => ok({ results: [], nextCursor: null, total: 0 }),
  });
  return { router: renderAppAs(alice, path), user: userEvent.setup() };
}

const searchBox = () => screen.findByRole('searchbox', { name: 'Search messages' });

describe('ways into the search', () => {
  it('Ctrl+K opens it from anywhere, with the box focused, instead of the browser search', async () => {
    const { router, user } = openApp('/contacts');
    await screen.findByRole('heading', { name: 'Contacts' });

    await user.keyboard('{Control>}k{/Control}');

    expect(await searchBox()).toHaveFocus();
    expect(router.state.location.pathname).toBe('/search');
    expect(fireEvent.keyDown(window, { key: 'k', metaKey: true })).toBe(false);
  });

  it('Ctrl+K on the search page keeps the query and takes the focus back to the box', async () => {
    const { router, user } = openApp('/search?q=lunch');
    await screen.findByText('No messages match “lunch”.');
    await user.click(screen.getByRole('link', { name: 'Contacts' }));
    await user.click(await screen.findByRole('link', { name: 'Search' }));
    expect(await searchBox()).toHaveValue('');

    await user.type(await searchBox(), 'tea');
    await screen.findByText('No messages match “tea”.');
    await user.click(screen.getByText('No messages match “tea”.'));
    await user.keyboard('{Control>}k{/Control}');

    expect(await searchBox()).toHaveFocus();
    expect(await searchBox()).toHaveValue('tea');
    expect(router.state.location.search).toBe('?q=tea');
  });

  it("leads from a chat's header to a search of that chat", async () => {
    const { router, user } = openApp('/chats/g1');

    await user.click(await screen.findByRole('link', { name: 'Search in this chat' }));

    expect(await searchBox()).toHaveFocus();
    expect(router.state.location.search).toBe('?chatId=g1');
    expect(screen.getByText(/^Searching in/)).toHaveTextContent('Searching in Team.');
  });
});
