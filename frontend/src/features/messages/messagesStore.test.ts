import { describe, expect, it } from 'vitest';
import type { Message } from '@messenger/contract';
import { makeMessage, makeUser } from '../../test/factories';
import { useMessagesStore } from './messagesStore';
import type { OutgoingMessage } from './timeline';

const alice = makeUser({ id: 'u1', username: 'alice' });
const chatId = 'c1';

const store = () => useMessagesStore.getState();
const timeline = () => store().timelines[chatId];
const seqs = () => timeline()?.messages.map((message) => message.seq);

function queue(clientMsgId: string, content = 'hello'): OutgoingMessage {
  const outgoing: OutgoingMessage = {
    chatId,
    clientMsgId,
    content,
    createdAt: new Date().toISOString(),
    status: 'sending',
    error: null,
  };
  store().messageQueued(outgoing);
  return outgoing;
}

const page = (messages: Message[], hasMoreBefore = false) => ({
  messages,
  hasMoreBefore,
  hasMoreAfter: false,
});

describe('messages store', () => {
  it('merges the acknowledgement and the message:new echo of our message into one entry', () => {
    queue('client-1');
    const acknowledged = makeMessage({ id: 'm1', chatId, seq: 1, clientMsgId: 'client-1', sender: alice });
    const echoed = structuredClone(acknowledged);

    // Either may come first; both carry the server's copy.
    store().messageReceived(echoed);
    store().messageReceived(acknowledged);

    expect(timeline()?.messages).toEqual([acknowledged]);
    expect(timeline()?.outbox).toEqual([]);
  });

  it('keeps messages ordered by seq whatever order they arrive in', () => {
    for (const seq of [3, 1, 4, 2]) store().messageReceived(makeMessage({ id: `m${seq}`, chatId, seq }));

    expect(seqs()).toEqual([1, 2, 3, 4]);
  });

  it('replaces a message by a newer copy of it, such as an edit', () => {
    store().messageReceived(makeMessage({ id: 'm1', chatId, seq: 1, content: 'helo' }));
    store().messageReceived(
      makeMessage({ id: 'm1', chatId, seq: 1, content: 'hello', editedAt: '2025-01-02T00:00:00Z' }),
    );

    expect(timeline()?.messages).toHaveLength(1);
    expect(timeline()?.messages[0]?.content).toBe('hello');
  });

  it('marks a rejected message as failed and lets it be retried', () => {
    queue('client-1');

    store().messageFailed(chatId, 'client-1', 'You are not a member of this chat');
    expect(timeline()?.outbox[0]).toMatchObject({
      status: 'failed',
      error: 'You are not a member of this chat',
    });

    store().messageRetried(chatId, 'client-1');
    expect(timeline()?.outbox[0]).toMatchObject({ status: 'sending', error: null });
  });

  it('joins history with messages that arrived live before it', () => {
    store().messageReceived(makeMessage({ id: 'm51', chatId, seq: 51 }));
    const history = Array.from({ length: 50 }, (_, index) =>
      makeMessage({ id: `m${index + 1}`, chatId, seq: index + 1 }),
    );

    store().latestPageFetched(chatId, page(history.slice(20), true));

    expect(seqs()).toEqual(Array.from({ length: 31 }, (_, index) => index + 21));
    expect(timeline()).toMatchObject({ loaded: true, hasMoreBefore: true });

    store().earlierPageFetched(chatId, page(history.slice(0, 20)));
    expect(seqs()).toHaveLength(51);
    expect(timeline()?.hasMoreBefore).toBe(false);
  });

  it('drops held messages that a newer page cannot join up with, rather than show a hole', () => {
    store().latestPageFetched(chatId, page([1, 2, 3].map((seq) => makeMessage({ id: `m${seq}`, chatId, seq }))));

    store().latestPageFetched(
      chatId,
      page(
        [8, 9].map((seq) => makeMessage({ id: `m${seq}`, chatId, seq })),
        true,
      ),
    );

    expect(seqs()).toEqual([8, 9]);
    expect(timeline()?.hasMoreBefore).toBe(true);
  });

  it('settles an outgoing message that shows up in a fetched page', () => {
    queue('client-1');

    store().latestPageFetched(chatId, page([makeMessage({ id: 'm1', chatId, seq: 1, clientMsgId: 'client-1' })]));

    expect(timeline()?.outbox).toEqual([]);
    expect(seqs()).toEqual([1]);
  });
});

describe('messages store, away from the newest messages', () => {
  const messages = (...seqs: number[]) => seqs.map((seq) => makeMessage({ id: `m${seq}`, chatId, seq }));

  it('replaces what it holds with the page around a linked message, and leaves live ones out until it joins up', () => {
    store().latestPageFetched(chatId, page(messages(90, 91, 92), true));

    store().aroundPageFetched(chatId, { messages: messages(10, 11, 12), hasMoreBefore: true, hasMoreAfter: true });
    store().messageReceived(makeMessage({ id: 'm93', chatId, seq: 93 }));
    expect(seqs()).toEqual([10, 11, 12]);

    store().laterPageFetched(chatId, { messages: messages(13, 14), hasMoreBefore: true, hasMoreAfter: false });
    store().messageReceived(makeMessage({ id: 'm15', chatId, seq: 15 }));
    expect(seqs()).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it('drops a page of newer history that arrives after the newest page replaced the window', () => {
    store().aroundPageFetched(chatId, { messages: messages(10, 11), hasMoreBefore: true, hasMoreAfter: true });
    store().latestPageFetched(chatId, page(messages(90, 91), true));

    store().laterPageFetched(chatId, { messages: messages(12, 13), hasMoreBefore: true, hasMoreAfter: true });

    expect(seqs()).toEqual([90, 91]);
    expect(timeline()?.hasMoreAfter).toBe(false);
  });

  it('updates the reactions of one message', () => {
    store().latestPageFetched(chatId, page(messages(1, 2)));

    store().reactionsUpdated(chatId, 'm2', [{ emoji: '👍', count: 1, userIds: ['u1'] }]);

    expect(timeline()?.messages.map((message) => message.reactions.length)).toEqual([0, 1]);
  });
});
