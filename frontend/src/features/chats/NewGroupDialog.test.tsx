import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, created, fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob Builder' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });
const contacts = () => ok({ contacts: [bob, carol].map((user) => ({ user, since: '2025-01-01T00:00:00Z' })) });

describe('New group', () => {
  it('names a group, picks members from my contacts and opens it', async () => {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/contacts': contacts,
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'POST /api/chats/group': () => created({ chat: makeGroupChat('g1', 'Builders', [alice, bob]) }),
      'GET /api/chats/g1/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
    });
    const router = renderAppAs(alice, '/chats');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = screen.getByRole('dialog', { name: 'New group' });
    await user.type(within(dialog).getByLabelText('Group name'), 'Builders');
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Bob Builder' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));

    expect(await screen.findByRole('heading', { name: 'Builders' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/chats/g1');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'Builders',
      memberIds: ['u2'],
      visibility: 'private',
    });
  });

  it('makes the group open when asked: anyone can then find and join it', async () => {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/contacts': contacts,
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'POST /api/chats/group': () => created({ chat: makeGroupChat('g1', 'Anyone', [alice]) }),
      'GET /api/chats/g1/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
    });
    renderAppAs(alice, '/chats');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = screen.getByRole('dialog', { name: 'New group' });
    const choice = within(dialog).getByRole('group', { name: 'Who can join' });
    expect(within(choice).getByRole('radio', { name: 'Private' })).toBeChecked();
    await user.type(within(dialog).getByLabelText('Group name'), 'Anyone');
    await user.click(within(choice).getByRole('radio', { name: 'Open' }));
    expect(within(choice).getByRole('radio', { name: 'Open' })).toHaveAccessibleDescription(
      'Anyone can find it under Browse groups and join.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));

    expect(await screen.findByRole('heading', { name: 'Anyone' })).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'Anyone',
      memberIds: [],
      visibility: 'open',
    });
  });

  it('says so clearly when the group would pass 300 members', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/contacts': contacts,
      'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
      'POST /api/chats/group': () => apiError(422, 'GROUP_FULL', 'too many'),
    });
    renderAppAs(alice, '/chats');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'New group' }));
    await user.type(screen.getByLabelText('Group name'), 'Everyone');
    await user.click(screen.getByRole('button', { name: 'Create group' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('A group can have at most 300 members');
  });
});
