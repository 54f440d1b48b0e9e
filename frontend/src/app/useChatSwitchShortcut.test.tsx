import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, ok } from '../test/fakeApi';
import { makeDirectChat, makeGroupChat, makeMessage, makeUser } from '../test/factories';
import { renderAppAs } from '../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const lastMessage = (chatId: string, createdAt: string) =>
  makeMessage({ id: `${chatId}-last`, chatId, seq: 1, sender: bob, content: 'hi', createdAt });
// Listed newest activity first: Builders, then Bob, then Readers.
const chats = [
  makeGroupChat('c3', 'Readers', [alice, bob], lastMessage('c3', '2025-01-01T10:00:00Z')),
  makeGroupChat('c1', 'Builders', [alice, bob], lastMessage('c1', '2025-01-03T10:00:00Z')),
  makeDirectChat('c2', [alice, bob], lastMessage('c2', '2025-01-02T10:00:00Z')),
];

function renderChats(path: string) {
  fakeApi({
    'GET /api/chats': () => ok({ chats }),
    'GET /api/chats/:chatId/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
  });
  return { router: renderAppAs(alice, path), user: userEvent.setup() };
}

const openChatTitle = () => screen.findByRole('heading', { level: 1 });

describe('Alt+ArrowUp / Alt+ArrowDown', () => {
  it('open the next and previous chat in the order of the chat list', async () => {
    const { router, user } = renderChats('/chats');
    await screen.findByRole('link', { name: /Readers/ });

    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(await openChatTitle()).toHaveTextContent('Builders');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(await openChatTitle()).toHaveTextContent('Bob');
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(await openChatTitle()).toHaveTextContent('Readers');

    // The end of the list: it stays.
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(router.state.location.pathname).toBe('/chats/c3');

    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(await openChatTitle()).toHaveTextContent('Bob');
    expect(router.state.location.pathname).toBe('/chats/c2');
  });

  it('start from the bottom of the list going up with no chat open, and work from any page', async () => {
    const { router, user } = renderChats('/contacts');
    await screen.findByRole('link', { name: /Readers/ });

    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');

    expect(await openChatTitle()).toHaveTextContent('Readers');
    expect(router.state.location.pathname).toBe('/chats/c3');
  });

  it('leave plain arrow keys alone', async () => {
    const { router, user } = renderChats('/chats/c1');
    expect(await openChatTitle()).toHaveTextContent('Builders');

    await user.keyboard('{ArrowDown}{Control>}{ArrowDown}{/Control}');

    expect(router.state.location.pathname).toBe('/chats/c1');
  });
});
