import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '../features/auth';
import type { CreateMessageRequest } from '@messenger/contract';
import { apiError, created, fakeApi, noContent, ok } from '../test/fakeApi';
import { makeDirectChat, makeMessage, makeUser } from '../test/factories';
import { preloadSignedInPages, routes } from './routes';
import { connectApiToSession } from './sessionBridge';

// The socket stays disconnected here, so sending takes the HTTP path.

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

// routes.test.tsx covers the pages loading on first use; here they are loaded already.
beforeAll(preloadSignedInPages);

describe('the signed-in app', () => {
  beforeEach(() => {
    connectApiToSession();
    useSessionStore.getState().signedIn(alice, 'token-1');
  });

  it('fetches the newest messages of the chats at the top of the list, so that opening one shows them at once', async () => {
    const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });
    let answered = 0;
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat, makeDirectChat('c2', [alice, carol])] }),
      // The preloads are answered; the refresh on opening never is, so only a preload can show the messages.
      'GET /api/chats/:id/messages': () =>
        answered++ < 2
          ? ok({ messages: history, hasMoreBefore: false, hasMoreAfter: false })
          : new Promise(() => undefined),
    });
    renderApp('/chats');

    await waitFor(() =>
      expect(requests.filter((request) => request.path.endsWith('/messages')).map((request) => request.path)).toEqual([
        '/api/chats/c1/messages',
        '/api/chats/c2/messages',
      ]),
    );
    await userEvent.setup().click(await screen.findByRole('link', { name: /Bob Builder/ }));
    expect(await screen.findByText('Hi Bob')).toBeVisible();
  });

  it('fetches the messages of a chat beyond the first ones as soon as the pointer rests on it', async () => {
    const others = Array.from({ length: 25 }, (_, i) =>
      makeDirectChat(`c${i + 2}`, [alice, makeUser({ id: `o${i}`, username: `other${i}` })]),
    );
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [...others, chat] }),
      'GET /api/chats/:id/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
    });
    renderApp('/chats');
    const fetchedFor = (chatId: string) => requests.some((request) => request.path === `/api/chats/${chatId}/messages`);
    await waitFor(() => expect(requests.filter((request) => request.path.endsWith('/messages'))).toHaveLength(20));
    expect(fetchedFor('c1')).toBe(false);

    await userEvent.setup().hover(await screen.findByRole('link', { name: /Bob Builder/ }));

    await waitFor(() => expect(fetchedFor('c1')).toBe(true));
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
    // The day's marker and the three messages.
    expect(within(log).getAllByRole('listitem')).toHaveLength(4);
    const chatList = screen.getByRole('list', { name: 'Chat list' });
    expect(within(chatList).getByRole('link', { name: /Bob Builder/ })).toHaveTextContent('You: See you _soon_');
  });

  it('links a direct chat to the profile of the person in it', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1/messages': () => ok({ messages: history, hasMoreBefore: false, hasMoreAfter: false }),
      'GET /api/users/u2': () => ok({ user: { ...bob, isContact: true } }),
      'GET /api/contacts': () => ok({ contacts: [{ user: bob, since: '2025-01-01T00:00:00Z' }] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
    });
    const router = renderApp('/chats/c1');

    await userEvent.click(await screen.findByRole('link', { name: 'View profile' }));

    expect(router.state.location.pathname).toBe('/users/u2');
    expect(await screen.findByRole('button', { name: 'Remove contact' })).toBeInTheDocument();
  });

  it('opens my profile settings from the sidebar', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/users/me': () => ok({ user: { ...alice, createdAt: '2025-01-01T00:00:00Z' } }),
      'GET /api/auth/sessions': () => ok({ sessions: [] }),
    });
    const router = renderApp('/chats');

    await userEvent.click(screen.getByRole('link', { name: 'Profile' }));

    expect(router.state.location.pathname).toBe('/settings/profile');
    expect(await screen.findByLabelText('Display name')).toHaveValue('Alice');
  });

  it('lands on /login with a notice when the server has ended the session', async () => {
    fakeApi({
      'GET /api/chats': () => apiError(401, 'UNAUTHORIZED', 'Token expired'),
      'POST /api/auth/refresh': () => apiError(401, 'UNAUTHORIZED', 'Session has ended'),
    });
    const router = renderApp('/chats');

    // Once on /login, the connection banner of the signed-in layout is gone and the notice is the only status.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('You were signed out.'));
    expect(router.state.location.pathname).toBe('/login');
  });

  it('lands on /login, saying why, once an admin deactivated the account: no refreshing in a loop', async () => {
    const requests = fakeApi({
      'GET /api/chats': () => apiError(401, 'UNAUTHORIZED', 'Token expired'),
      'POST /api/auth/refresh': () => apiError(403, 'ACCOUNT_DEACTIVATED', 'This account has been deactivated'),
    });
    const router = renderApp('/chats');

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'You were signed out. This account has been deactivated; contact your admin.',
      ),
    );
    expect(router.state.location.pathname).toBe('/login');
    expect(requests.filter((request) => request.path === '/api/auth/refresh')).toHaveLength(1);
  });

  it('after signing out on purpose, signing in again starts at the chats rather than the last page', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/contacts': () => ok({ contacts: [] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'POST /api/auth/logout': () => noContent,
      'POST /api/auth/login': () => ok({ user: alice, accessToken: 'token-2', refreshToken: 'r2' }),
    });
    const router = renderApp('/contacts');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await user.type(await screen.findByLabelText('Username'), 'alice');
    expect(screen.queryByText('You were signed out.')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/chats');
  });

  it('sends a signed-out visitor to /login', async () => {
    useSessionStore.getState().signedOut();
    const router = renderApp('/contacts');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
