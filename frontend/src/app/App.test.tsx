import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../features/auth';
import type { CreateMessageRequest } from '../shared/api/types';
import { created, fakeApi, ok } from '../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../test/factories';
import { FakeSocket } from '../test/fakeSocket';
import { routes } from './routes';
import { connectApiToSession } from './sessionBridge';

// The socket stays disconnected here, so sending takes the HTTP path.
vi.mock('socket.io-client', () => ({ io: () => new FakeSocket() }));

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });
const chat = makeDirectChat('c1', [alice, bob]);
const history = [
  makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: bob, content: 'Hi **Alice**' }),
  makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: alice, content: 'Hi Bob' }),
];

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

describe('the signed-in app', () => {
  beforeEach(() => {
    connectApiToSession();
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it('opens a direct chat from Contacts, shows its history and sends with Enter', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/contacts': () => ok({ contacts: [{ user: bob, since: '2025-01-01T00:00:00Z' }] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'POST /api/chats/direct': () => created({ chat }),
      'GET /api/chats/c1/messages': () => ok({ messages: history, hasMoreBefore: false, hasMoreAfter: false }),
      'POST /api/chats/c1/messages': ({ body }) => {
        const { clientMsgId, content } = body as CreateMessageRequest;
        return created({
          message: makeMessage({ id: 'm3', chatId: 'c1', seq: 3, clientMsgId, content, sender: alice }),
        });
      },
    });
    const router = renderApp('/chats');
    const user = userEvent.setup();

    await user.click(screen.getByRole('link', { name: 'Contacts' }));
    await user.click(await screen.findByRole('button', { name: 'Message Bob Builder' }));

    expect(router.state.location.pathname).toBe('/chats/c1');
    expect(await screen.findByRole('heading', { name: 'Bob Builder' })).toBeInTheDocument();
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(await within(log).findByText('Alice', { selector: 'strong' })).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'See you _soon_{Enter}');

    expect(await within(log).findByText('soon', { selector: 'em' })).toBeInTheDocument();
    expect(within(log).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByRole('link', { name: /Bob Builder/ })).toHaveTextContent('You: See you _soon_');
  });

  it('sends a signed-out visitor to /login', async () => {
    useSessionStore.getState().signedOut();
    const router = renderApp('/contacts');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
