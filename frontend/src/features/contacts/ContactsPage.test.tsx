import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { created, fakeApi, ok } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { ContactsPage } from './ContactsPage';

const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol Danvers' });

function renderContactsPage() {
  const router = createMemoryRouter([{ path: '/contacts', element: <ContactsPage /> }], {
    initialEntries: ['/contacts'],
  });
  render(<RouterProvider router={router} />);
}

describe('ContactsPage', () => {
  it('shows incoming requests and accepting one makes a contact', async () => {
    const requests = fakeApi({
      'GET /api/contacts': () => ok({ contacts: [] }),
      'GET /api/contacts/requests': () =>
        ok({ incoming: [{ id: 'r1', from: bob, createdAt: '2025-01-01T00:00:00Z' }], outgoing: [] }),
      'POST /api/contacts/requests/:id/accept': () => ok({ contact: { user: bob, since: '2025-01-02T00:00:00Z' } }),
    });
    renderContactsPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Accept bob' }));

    expect(await screen.findByRole('button', { name: 'Message Bob Builder' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept bob' })).not.toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/contacts/requests/r1/accept' });
  });

  it('finds users by name and sends them a contact request', async () => {
    const requests = fakeApi({
      'GET /api/contacts': () => ok({ contacts: [] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'GET /api/users/search': () => ok({ users: [carol] }),
      'POST /api/contacts/requests': () =>
        created({ request: { id: 'r2', to: carol, createdAt: '2025-01-01T00:00:00Z' } }),
    });
    renderContactsPage();

    await userEvent.type(screen.getByLabelText('Search users'), 'car');
    await userEvent.click(await screen.findByRole('button', { name: 'Add carol' }));

    const results = screen.getByRole('list', { name: 'Search results' });
    expect(await within(results).findByText('Request sent')).toBeInTheDocument();
    expect(requests.find((request) => request.path === '/api/users/search')?.query).toEqual({ q: 'car' });
    expect(requests.at(-1)).toMatchObject({ method: 'POST', body: { userId: 'u3' } });
    expect(screen.getByRole('button', { name: 'Cancel request to carol' })).toBeInTheDocument();
  });

  it('shows why a request failed', async () => {
    fakeApi({
      'GET /api/contacts': () => ok({ contacts: [] }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'GET /api/users/search': () => ok({ users: [carol] }),
      'POST /api/contacts/requests': () => ({
        status: 409,
        body: { error: { code: 'CONFLICT', message: 'A request to this user is already pending' } },
      }),
    });
    renderContactsPage();

    await userEvent.type(screen.getByLabelText('Search users'), 'carol');
    await userEvent.click(await screen.findByRole('button', { name: 'Add carol' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('A request to this user is already pending');
  });
});
