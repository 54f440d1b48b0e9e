import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { startRealtime, stopRealtime } from '../../shared/realtime/dispatch';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { useSessionStore } from '../auth';
import { ContactsPage } from './ContactsPage';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol Danvers' });
const createdAt = '2025-01-01T00:00:00Z';

describe('the contacts page, live', () => {
  let socket: FakeSocket;
  // The server plays its part: each event as the backend sends it.
  const serverSends = (event: string, payload: unknown) => act(() => socket.serverEmit(event, payload));
  const tab = (name: string) => screen.getByRole('tab', { name });

  function openContactsPage() {
    const router = createMemoryRouter([{ path: '/contacts', element: <ContactsPage /> }], {
      initialEntries: ['/contacts'],
    });
    render(<RouterProvider router={router} />);
  }

  beforeEach(() => {
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    useSessionStore.getState().signedIn(alice, 'token-1');
    startRealtime();
    socket.connect();
    return stopRealtime;
  });

  it('keeps a request that arrives while the lists are loading', async () => {
    const requestFromBob = { id: 'r1', from: bob, createdAt };
    let fetches = 0;
    fakeApi({
      'GET /api/contacts': () => ok({ contacts: [] }),
      'GET /api/contacts/requests': () => {
        fetches += 1;
        // The first answer was read from the database just before Bob's request was saved.
        if (fetches === 1) serverSends('contact:request', { request: { ...requestFromBob, to: alice } });
        return ok({ incoming: fetches === 1 ? [] : [requestFromBob], outgoing: [] });
      },
    });
    openContactsPage();

    expect(await screen.findByRole('tab', { name: 'Incoming (1)', selected: true })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept bob' })).toBeInTheDocument();
    expect(fetches).toBe(2);
  });

  describe('once loaded', () => {
    beforeEach(async () => {
      fakeApi({
        'GET /api/contacts': () => ok({ contacts: [] }),
        'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      });
      openContactsPage();
      await screen.findByRole('tab', { name: 'Contacts (0)', selected: true });
    });

    it('shows a request to me as it arrives, and drops it when the sender cancels', async () => {
      serverSends('contact:request', { request: { id: 'r1', from: bob, to: alice, createdAt } });
      await userEvent.click(tab('Incoming (1)'));
      expect(screen.getByRole('button', { name: 'Accept bob' })).toBeInTheDocument();

      serverSends('contact:request:removed', { requestId: 'r1' });

      expect(tab('Incoming (0)')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Accept bob' })).not.toBeInTheDocument();
    });

    it('follows a request sent from my other device until it is accepted, then until they remove me', async () => {
      serverSends('contact:request', { request: { id: 'r2', from: alice, to: carol, createdAt } });
      await userEvent.click(tab('Outgoing (1)'));
      expect(screen.getByRole('button', { name: 'Cancel request to carol' })).toBeInTheDocument();

      serverSends('contact:accepted', { contact: { user: carol, since: createdAt } });
      expect(tab('Outgoing (0)')).toBeInTheDocument();
      await userEvent.click(tab('Contacts (1)'));
      const panel = screen.getByRole('tabpanel');
      expect(within(panel).getByRole('button', { name: 'Message Carol Danvers' })).toBeInTheDocument();

      serverSends('contact:removed', { userId: carol.id });

      expect(tab('Contacts (0)')).toBeInTheDocument();
      expect(within(panel).queryByRole('button', { name: 'Message Carol Danvers' })).not.toBeInTheDocument();
    });

    it('lights up a contact who comes online', async () => {
      serverSends('contact:accepted', { contact: { user: bob, since: createdAt } });
      const row = screen.getByRole('link', { name: 'Bob Builder' }).closest('li')!;
      expect(within(row).getByRole('img', { name: 'Offline' })).toBeInTheDocument();

      serverSends('presence:online', { userId: bob.id });
      expect(within(row).getByRole('img', { name: 'Online' })).toBeInTheDocument();

      serverSends('presence:offline', { userId: bob.id, lastSeenAt: new Date().toISOString() });
      expect(within(row).getByRole('img', { name: 'Offline' })).toHaveAttribute('title', 'Last seen just now');
    });
  });
});
