import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { useSessionStore } from '../features/auth';
import { fakeApi, ok } from '../test/fakeApi';
import { makeUser } from '../test/factories';
import { routes } from './routes';
import { connectApiToSession } from './sessionBridge';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });

// Not through renderAppAs, which loads every page up front: here the pages load on first use, as in the browser.
function renderAt(path: string) {
  connectApiToSession();
  render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />);
}

describe('pages loaded on first use', () => {
  it('show the loading screen until their code arrives, then the page', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/contacts': () => ok({ contacts: [] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
    });
    useSessionStore.getState().signedIn(alice, 'token-1');
    renderAt('/contacts');

    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    // The first load transforms the whole signed-in app, which can take a while on a busy test run.
    expect(await screen.findByRole('heading', { name: 'Contacts' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Chats' })).toBeInTheDocument();
  });

  it('leave the sign-in page to render at once, without waiting for them', () => {
    useSessionStore.setState({ status: 'signedOut' });
    renderAt('/login');

    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});
