import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Chat } from '@messenger/contract';
import { apiError, fakeApi, noContent, ok, type FakeRoutes } from '../../test/fakeApi';
import { makeGroupChat, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const carol = makeUser({ id: 'u3', username: 'carol', displayName: 'Carol' });

async function openInfo(chat: Chat, routes: FakeRoutes = {}) {
  const requests = fakeApi({
    'GET /api/chats': () => ok({ chats: [chat] }),
    'GET /api/chats/g1/messages': () => ok({ messages: [], hasMoreBefore: false, hasMoreAfter: false }),
    'GET /api/contacts': () => ok({ contacts: [bob, carol].map((user) => ({ user, since: '2025-01-01' })) }),
    'GET /api/contacts/requests': () => ok({ incoming: [], outgoing: [] }),
    ...routes,
  });
  const router = renderAppAs(alice, '/chats/g1');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Group info' }));
  return { requests, router, user, panel: screen.getByRole('dialog', { name: 'Group info' }) };
}

describe('group info, as the owner', () => {
  const group = makeGroupChat('g1', 'Team', [alice, bob]);

  it('lists members with their roles and manages them', async () => {
    const { requests, user, panel } = await openInfo(group, {
      'PUT /api/chats/g1': ({ body }) => ok({ chat: { ...group, ...(body as object) } }),
      'DELETE /api/chats/g1/participants/u2': () => noContent,
    });

    expect(within(panel).getByText('Owner')).toBeInTheDocument();
    expect(within(panel).getByText('Member')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Rename group' }));
    await user.clear(within(panel).getByLabelText('Group name'));
    await user.type(within(panel).getByLabelText('Group name'), 'Dream team');
    await user.click(within(panel).getByRole('button', { name: 'Save name' }));
    expect(await screen.findByRole('heading', { name: 'Dream team' })).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Remove Bob' }));
    await waitFor(() => expect(requests.at(-1)?.method).toBe('DELETE'));
    // Handing the group over ends my say in it.
    await user.click(within(panel).getByRole('button', { name: 'Make Bob owner' }));
    await waitFor(() => expect(within(panel).queryByRole('button', { name: 'Remove Bob' })).not.toBeInTheDocument());
    expect(requests.filter((request) => request.method === 'PUT').map((request) => request.body)).toEqual([
      { name: 'Dream team' },
      { ownerId: 'u2' },
    ]);
  });

  it('links every member, me included, to their profile', async () => {
    const { panel } = await openInfo(group);

    expect(within(panel).getByRole('link', { name: /^Bob/ })).toHaveAttribute('href', '/users/u2');
    expect(within(panel).getByRole('link', { name: /^Alice \(you\)/ })).toHaveAttribute('href', '/users/u1');
  });

  it('adds contacts who are not members yet, and explains GROUP_FULL', async () => {
    const { requests, user, panel } = await openInfo(group, {
      'POST /api/chats/g1/participants': () => apiError(422, 'GROUP_FULL', 'Group is full'),
    });

    await user.click(within(panel).getByRole('button', { name: 'Add members' }));
    expect(within(panel).queryByRole('checkbox', { name: 'Bob' })).not.toBeInTheDocument();
    await user.click(await within(panel).findByRole('checkbox', { name: 'Carol' }));
    await user.click(within(panel).getByRole('button', { name: 'Add to group' }));

    expect(await within(panel).findByRole('alert')).toHaveTextContent('at most 300 members');
    expect(requests.at(-1)?.body).toEqual({ userIds: ['u3'] });
  });

  it('deletes the group after confirming, and goes back to the chat list', async () => {
    const { router, user, panel } = await openInfo(group, { 'DELETE /api/chats/g1': () => noContent });

    await user.click(within(panel).getByRole('button', { name: 'Delete group' }));
    await user.click(within(panel).getByRole('button', { name: 'Delete for everyone' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/chats'));
    expect(screen.queryByRole('link', { name: /Team/ })).not.toBeInTheDocument();
  });
});

describe('group info, as a member', () => {
  const group = makeGroupChat('g1', 'Team', [bob, alice]);

  it('offers no management, only leaving', async () => {
    const { router, user, panel } = await openInfo(group, {
      'DELETE /api/chats/g1/participants/u1': () => noContent,
    });

    expect(within(panel).queryByRole('button', { name: /^Remove|^Make|Rename|Delete group|Add members/ })).toBeNull();
    await user.click(within(panel).getByRole('button', { name: 'Leave group' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/chats'));
    expect(screen.queryByText('You are no longer in this group.')).not.toBeInTheDocument();
  });
});

describe('group photo', () => {
  it('lets the owner change the group photo', async () => {
    const group = makeGroupChat('g1', 'Team', [alice, bob]);
    const thumbnailUrl = '/api/attachments/p9/thumbnail';
    const { requests, user, panel } = await openInfo(group, {
      'POST /api/attachments': () => ({
        status: 201,
        body: {
          attachment: {
            id: 'p9',
            mime: 'image/png',
            size: 9,
            width: 8,
            height: 8,
            url: '/api/attachments/p9',
            thumbnailUrl,
          },
        },
      }),
      'PUT /api/chats/g1': () => ok({ chat: { ...group, avatarUrl: thumbnailUrl } }),
      'GET /api/attachments/p9/thumbnail': () => ({ status: 200, body: new Blob(['png']) }),
    });

    await user.upload(
      within(panel).getByLabelText('Group photo'),
      new File(['png'], 'team.png', { type: 'image/png' }),
    );

    expect(await within(panel).findByText('Group photo saved.')).toBeInTheDocument();
    expect(within(panel).getByText('Change group photo')).toBeInTheDocument();
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({ avatarAttachmentId: 'p9' });
    expect(requests.find((request) => request.path === '/api/attachments')?.query).toEqual({ purpose: 'avatar' });
  });

  it('is not offered to members', async () => {
    const group = { ...makeGroupChat('g1', 'Team', [bob, alice]), ownerId: 'u2' };
    const { panel } = await openInfo(group);

    expect(within(panel).queryByLabelText('Group photo')).not.toBeInTheDocument();
  });
});

describe('who can join', () => {
  it('lets the owner open the group, and close it again', async () => {
    const group = makeGroupChat('g1', 'Team', [alice, bob]);
    const { requests, user, panel } = await openInfo(group, {
      'PUT /api/chats/g1': ({ body }) => ok({ chat: { ...group, ...(body as object) } }),
    });
    const choice = within(panel).getByRole('group', { name: 'Who can join' });
    expect(within(choice).getByRole('radio', { name: 'Private' })).toBeChecked();

    await user.click(within(choice).getByRole('radio', { name: 'Open' }));
    await waitFor(() => expect(within(choice).getByRole('radio', { name: 'Open' })).toBeChecked());
    await waitFor(() => expect(within(choice).getByRole('radio', { name: 'Open' })).toBeEnabled());
    await user.click(within(choice).getByRole('radio', { name: 'Private' }));
    await waitFor(() => expect(within(choice).getByRole('radio', { name: 'Private' })).toBeChecked());

    expect(requests.filter((request) => request.method === 'PUT').map((request) => request.body)).toEqual([
      { visibility: 'open' },
      { visibility: 'private' },
    ]);
  });

  it('tells members whether the group is open, without the switch', async () => {
    const group = { ...makeGroupChat('g1', 'Team', [bob, alice]), visibility: 'open' as const };
    const { panel } = await openInfo(group);

    expect(within(panel).getByText('Open group: anyone can find and join it.')).toBeInTheDocument();
    expect(within(panel).queryByRole('group', { name: 'Who can join' })).not.toBeInTheDocument();
  });
});
