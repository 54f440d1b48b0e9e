import { act, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { FakeSocket, socketIo } from '../../test/fakeSocket';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const history = makeMessage({ id: 'm1', chatId: 'g1', seq: 1, sender: bob, content: 'morning all' });

describe('announcing incoming messages', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    socket = new FakeSocket();
    socketIo.io.mockReturnValue(socket);
    fakeApi({
      'GET /api/chats': () => ok({ chats: [makeGroupChat('g1', 'Team', [bob, alice])] }),
      'GET /api/chats/g1/messages': () => ok({ messages: [history], hasMoreBefore: false, hasMoreAfter: false }),
    });
  });

  const announcement = () => screen.getAllByRole('status').find((status) => status.textContent?.includes(':'));

  it('says politely who wrote what as it arrives, but not the history already there', async () => {
    renderAppAs(alice, '/chats/g1');
    await screen.findByText('morning all', { selector: 'li *' });
    expect(announcement()).toBeUndefined();

    act(() => socket.serverEmit('message:new', { message: { ...history, id: 'm2', seq: 2, content: 'coffee?' } }));

    expect(announcement()).toHaveTextContent('Bob: coffee?');
  });

  it('keeps quiet about my own messages', async () => {
    renderAppAs(alice, '/chats/g1');
    await screen.findByText('morning all', { selector: 'li *' });

    act(() =>
      socket.serverEmit('message:new', { message: { ...history, id: 'm2', seq: 2, sender: alice, content: 'me' } }),
    );

    expect(announcement()).toBeUndefined();
  });
});
