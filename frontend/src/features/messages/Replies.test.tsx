import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CreateMessageRequest } from '@messenger/contract';
import { created, fakeApi, ok } from '../../test/fakeApi';
import { makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });
const chat = makeGroupChat('c1', 'Team', [alice, bob]);
const question = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: bob, content: 'lunch at **noon**?' });
const page = (messages = [question], more = {}) => ok({ messages, hasMoreBefore: false, hasMoreAfter: false, ...more });

describe('replies', () => {
  it('quotes the message being answered in the composer and sends the reply with it', async () => {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1/messages': () => page(),
      'POST /api/chats/c1/messages': ({ body }) => {
        const { clientMsgId, content } = body as CreateMessageRequest;
        const replyTo = { id: 'm1', seq: 1, sender: bob, excerpt: 'lunch at **noon**?', mentions: [] };
        return created({
          message: makeMessage({ id: 'm2', chatId: 'c1', seq: 2, clientMsgId, content, sender: alice, replyTo }),
        });
      },
    });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    const original = (await screen.findByText('noon', { selector: 'strong' })).closest('li') as HTMLElement;
    await user.click(within(original).getByRole('button', { name: 'Reply to message' }));
    expect(screen.getByText('Replying to Bob')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'yes!{Enter}');

    const quote = await screen.findByRole('button', { name: /^Jump to quoted message/ });
    expect(quote).toHaveTextContent('Bob');
    expect(screen.queryByText('Replying to Bob')).not.toBeInTheDocument();
    expect(requests.find((request) => request.method === 'POST')?.body).toMatchObject({
      content: 'yes!',
      replyToId: 'm1',
    });
  });

  it('drops the reply with Cancel reply', async () => {
    fakeApi({ 'GET /api/chats': () => ok({ chats: [chat] }), 'GET /api/chats/c1/messages': () => page() });
    renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Reply to message' }));
    await user.click(screen.getByRole('button', { name: 'Cancel reply' }));

    expect(screen.queryByText('Replying to Bob')).not.toBeInTheDocument();
  });

  it('shows the placeholder in the quote of a deleted message, and jumps to an original not in memory', async () => {
    const reply = makeMessage({
      id: 'm60',
      chatId: 'c1',
      seq: 60,
      sender: alice,
      content: 'agreed',
      replyTo: { id: 'm1', seq: 1, sender: bob, excerpt: '', mentions: [] },
    });
    const deleted = { ...question, content: '', deletedAt: '2025-01-01T13:00:00Z' };
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1/messages': ({ query }) =>
        query.around === 'm1' ? page([deleted], { hasMoreAfter: true }) : page([reply], { hasMoreBefore: true }),
    });
    const router = renderAppAs(alice, '/chats/c1');
    const user = userEvent.setup();

    const quote = await screen.findByRole('button', { name: /^Jump to quoted message/ });
    expect(quote).toHaveTextContent('This message was deleted');
    await user.click(quote);
    expect(router.state.location.pathname).toBe('/chats/c1/messages/m1');

    await waitFor(() => expect(requests.at(-1)?.query).toEqual({ around: 'm1' }));
    const original = await screen.findByText('This message was deleted', { selector: 'em:not(button em)' });
    expect(original.closest('[data-highlighted]')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Load newer messages' })).toBeInTheDocument();
  });

  it('opens /chats/:chatId/messages/:messageId at that message, highlighted', async () => {
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1/messages': () => page([question], { hasMoreAfter: true }),
    });
    renderAppAs(alice, '/chats/c1/messages/m1');

    const original = await screen.findByText('noon', { selector: 'strong' });
    expect(original.closest('[data-highlighted]')).not.toBeNull();
    expect(requests.find((request) => request.path.endsWith('/messages'))?.query).toEqual({ around: 'm1' });
  });
});

describe('sending while looking at older history', () => {
  it('goes back to the newest messages first, so the new one joins up with them', async () => {
    const newest = makeMessage({ id: 'm90', chatId: 'c1', seq: 90, sender: bob, content: 'latest news' });
    const requests = fakeApi({
      'GET /api/chats': () => ok({ chats: [chat] }),
      'GET /api/chats/c1/messages': ({ query }) => {
        if (query.around) return page([question], { hasMoreAfter: true });
        // Paging forward from the linked message, still short of the newest.
        if (query.after) return page([makeMessage({ id: 'm2', chatId: 'c1', seq: 2 })], { hasMoreAfter: true });
        return page([newest], { hasMoreBefore: true });
      },
      'POST /api/chats/c1/messages': ({ body }) => {
        const { clientMsgId, content } = body as CreateMessageRequest;
        return created({
          message: makeMessage({ id: 'm91', chatId: 'c1', seq: 91, clientMsgId, content, sender: alice }),
        });
      },
    });
    renderAppAs(alice, '/chats/c1/messages/m1');
    const user = userEvent.setup();

    await screen.findByText('noon', { selector: 'strong' });
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'back now{Enter}');

    expect(await screen.findByText('back now', { selector: 'li *' })).toBeInTheDocument();
    expect(screen.getByText('latest news', { selector: 'li *' })).toBeInTheDocument();
    const history = requests
      .filter((request) => request.path === '/api/chats/c1/messages')
      .map((request) => `${request.method} ${JSON.stringify(request.query)}`);
    expect(history.indexOf('GET {}')).toBeLessThan(history.indexOf('POST {}'));
    expect(history.indexOf('GET {}')).toBeGreaterThan(history.indexOf('GET {"around":"m1"}'));
  });
});

describe('opening a chat', () => {
  it('separates days and marks where the unread messages start', async () => {
    const old = makeMessage({ id: 'm1', chatId: 'c1', seq: 1, sender: bob, createdAt: '2024-06-01T10:00:00Z' });
    const fresh = [2, 3].map((seq) =>
      makeMessage({ id: `m${seq}`, chatId: 'c1', seq, sender: bob, createdAt: new Date().toISOString() }),
    );
    const unread = {
      ...chat,
      lastSeq: 3,
      unreadCount: 2,
      participants: chat.participants.map((participant) => ({ ...participant, lastReadSeq: 1 })),
    };
    fakeApi({
      'GET /api/chats': () => ok({ chats: [unread] }),
      'GET /api/chats/c1/messages': () => page([old, ...fresh]),
    });
    renderAppAs(alice, '/chats/c1');

    await screen.findByText('message 3');
    const log = screen.getByRole('log', { name: 'Messages' });
    const texts = within(log)
      .getAllByText(/^(Today|New messages|message \d|.*2024)$/)
      .map((element) => element.textContent);
    expect(texts).toEqual([
      expect.stringMatching(/2024/),
      'message 1',
      'Today',
      'New messages',
      'message 2',
      'message 3',
    ]);
    // Three messages and three markers, each a list item: an <ol> may hold nothing else.
    expect(within(log).getAllByRole('listitem')).toHaveLength(6);
    expect(within(log).getByRole('separator', { name: 'Today' })).toBeInTheDocument();
  });
});
