import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const latest = makeMessage({ id: 'm9', chatId: 'c1', seq: 9, sender: bob, content: 'the newest one' });

describe('a link to a chat or message that is not there', () => {
  it.each([
    [404, 'NOT_FOUND', 'Chat not found'],
    [403, 'FORBIDDEN', 'Not a participant'],
  ])('says the chat is not found when the server answers %i', async (status, code, message) => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [] }),
      'GET /api/chats/c7': () => apiError(status, code, message),
      'GET /api/chats/c7/messages': () => apiError(status, code, message),
    });
    renderAppAs(alice, '/chats/c7/messages/m1');

    expect(await screen.findByRole('heading', { name: 'Chat not found' })).toBeInTheDocument();
    expect(screen.getByText('This chat does not exist or you do not have access to it.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to your chats' })).toHaveAttribute('href', '/chats');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('log', { name: 'Messages' })).not.toBeInTheDocument();
  });

  it('opens the chat at its newest messages when the linked message is gone', async () => {
    fakeApi({
      'GET /api/chats': () => ok({ chats: [makeGroupChat('c1', 'Team', [alice, bob])] }),
      'GET /api/chats/c1/messages': ({ query }) =>
        query.around
          ? apiError(404, 'NOT_FOUND', 'Message not found')
          : ok({ messages: [latest], hasMoreBefore: false, hasMoreAfter: false }),
    });
    renderAppAs(alice, '/chats/c1/messages/gone');

    expect(await screen.findByText('That message is no longer available.')).toHaveAttribute('role', 'status');
    expect(await screen.findByText('the newest one')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Team' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
