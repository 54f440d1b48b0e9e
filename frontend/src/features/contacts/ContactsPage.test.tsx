import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { apiError, created, fakeApi, ok, rateLimited, type FakeRoutes } from '../../test/fakeApi';
import { makeUser } from '../../test/factories';
import { ContactsPage } from './ContactsPage';

const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder', online: true });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol Danvers' });
const dave = makeUser({ id: 'u4', username: 'dave', displayName: 'Dave Grohl' });
const since = '2025-01-01T00:00:00Z';

function renderContactsPage(routes: FakeRoutes) {
  const requests = fakeApi({
    'GET /api/contacts': () => ok({ contacts: [] }),
    'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
    ...routes,
  });
  const router = createMemoryRouter(
    [
      { path: '/contacts', element: <ContactsPage /> },
      { path: '/users/:userId', element: <p>Profile page</p> },
    ],
    { initialEntries: ['/contacts'] },
  );
  render(<RouterProvider router={router} />);
  return { requests, router };
}

describe('ContactsPage', () => {
  it('lists contacts, requests to me and requests I sent under tabs with their counts', async () => {
    renderContactsPage({
      'GET /api/contacts': () =>
        ok({
          contacts: [
            { user: bob, since },
            { user: carol, since },
          ],
        }),
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [{ id: 'r1', to: dave, createdAt: since }] }),
    });

    const tabs = within(screen.getByRole('tablist', { name: 'Contacts and requests' }));
    expect(await tabs.findByRole('tab', { name: 'Contacts (2)', selected: true })).toBeInTheDocument();
    expect(tabs.getByRole('tab', { name: 'Incoming (0)' })).toBeInTheDocument();
    // The sidebar's link and this tab must not be confused: the tab is not a link.
    expect(screen.queryByRole('link', { name: /Contacts/ })).not.toBeInTheDocument();

    const panel = screen.getByRole('tabpanel', { name: 'Contacts (2)' });
    const bobRow = within(panel).getByRole('link', { name: 'Bob Builder' }).closest('li')!;
    expect(within(bobRow).getByRole('img', { name: 'Online' })).toBeInTheDocument();
    const carolRow = within(panel).getByRole('link', { name: 'Carol Danvers' }).closest('li')!;
    expect(within(carolRow).getByRole('img', { name: 'Offline' })).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'Bob Builder' })).toHaveAttribute('href', '/users/u2');

    await userEvent.click(tabs.getByRole('tab', { name: 'Outgoing (1)' }));

    expect(screen.getByRole('tabpanel', { name: 'Outgoing (1)' })).toHaveTextContent('Dave Grohl');
    expect(screen.getByRole('button', { name: 'Cancel request to dave' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Message Bob Builder' })).not.toBeInTheDocument();
  });

  it('moves between tabs with the arrow keys, one tab stop for the list', async () => {
    renderContactsPage({});
    const user = userEvent.setup();
    const contactsTab = await screen.findByRole('tab', { name: 'Contacts (0)', selected: true });
    expect(screen.getByRole('tab', { name: 'Incoming (0)' })).toHaveAttribute('tabindex', '-1');

    contactsTab.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Incoming (0)' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Incoming (0)' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Outgoing (0)', selected: true })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(contactsTab).toHaveFocus();
  });

  it('opens on the requests waiting for me; accepting one makes a contact', async () => {
    const { requests } = renderContactsPage({
      'GET /api/contacts/requests': () => ok({ incoming: [{ id: 'r1', from: bob, createdAt: since }], outgoing: [] }),
      'POST /api/contacts/requests/:id/accept': () => ok({ contact: { user: bob, since } }),
    });

    expect(await screen.findByRole('tab', { name: 'Incoming (1)', selected: true })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Accept bob' }));

    expect(await screen.findByRole('tab', { name: 'Incoming (0)' })).toBeInTheDocument();
    expect(requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/contacts/requests/r1/accept' });
    await userEvent.click(screen.getByRole('tab', { name: 'Contacts (1)' }));
    expect(screen.getByRole('button', { name: 'Message Bob Builder' })).toBeInTheDocument();
  });

  it('finds users by name and sends them a contact request', async () => {
    const { requests } = renderContactsPage({
      'GET /api/users/search': () => ok({ users: [carol] }),
      'POST /api/contacts/requests': () => created({ request: { id: 'r2', to: carol, createdAt: since } }),
    });

    await userEvent.type(screen.getByLabelText('Search users'), 'car');
    await userEvent.click(await screen.findByRole('button', { name: 'Add carol' }));

    const results = screen.getByRole('list', { name: 'Search results' });
    expect(await within(results).findByText('Request sent')).toBeInTheDocument();
    expect(within(results).getByRole('link', { name: 'Carol Danvers' })).toHaveAttribute('href', '/users/u3');
    expect(requests.find((request) => request.path === '/api/users/search')?.query).toMatchObject({ q: 'car' });
    expect(requests.at(-1)).toMatchObject({ method: 'POST', body: { userId: 'u3' } });
    await userEvent.click(screen.getByRole('tab', { name: 'Outgoing (1)' }));
    expect(screen.getByRole('button', { name: 'Cancel request to carol' })).toBeInTheDocument();
  });

  it('shows why a request failed', async () => {
    renderContactsPage({
      'GET /api/users/search': () => ok({ users: [carol] }),
      'POST /api/contacts/requests': () => apiError(409, 'CONFLICT', 'A request to this user is already pending'),
    });

    await userEvent.type(screen.getByLabelText('Search users'), 'carol');
    await userEvent.click(await screen.findByRole('button', { name: 'Add carol' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('A request to this user is already pending');
  });

  it('says how long to wait when declining is rate limited', async () => {
    renderContactsPage({
      'GET /api/contacts/requests': () => ok({ incoming: [{ id: 'r1', from: bob, createdAt: since }], outgoing: [] }),
      'DELETE /api/contacts/requests/:id': () => rateLimited(42),
    });

    await userEvent.click(await screen.findByRole('button', { name: 'Decline bob' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 42 seconds.');
    expect(screen.getByRole('tab', { name: 'Incoming (1)' })).toBeInTheDocument();
  });
});
