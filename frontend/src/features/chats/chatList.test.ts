import { describe, expect, it } from 'vitest';
import { makeDirectChat, makeGroupChat, makeMessage, makeUser } from '../../test/factories';
import { chatTitle } from './chatTitle';
import { mergeFetchedChats, withCounts, withMessage } from './chatList';
import { withReceipt } from './receipts';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });
const bob = makeUser({ id: 'u2', username: 'bob', displayName: 'Bob' });

describe('chat list', () => {
  it('names a direct chat after the other participant', () => {
    const chat = makeDirectChat('c1', [alice, bob]);
    expect(chatTitle(chat, alice.id)).toBe('Bob');
    expect(chatTitle(chat, bob.id)).toBe('Alice');
  });

  it('takes a newer message as the last one, but not an older one', () => {
    const chat = makeDirectChat('c1', [alice, bob], makeMessage({ id: 'm5', chatId: 'c1', seq: 5 }));

    expect(withMessage(chat, makeMessage({ id: 'm6', chatId: 'c1', seq: 6 }))).toMatchObject({
      lastSeq: 6,
      lastMessage: { id: 'm6' },
    });
    expect(withMessage(chat, makeMessage({ id: 'm4', chatId: 'c1', seq: 4 }))).toBe(chat);
  });

  it('orders by latest activity and keeps live messages newer than a fetched list', () => {
    const quiet = makeDirectChat('c1', [alice, bob], makeMessage({ id: 'm1', chatId: 'c1', seq: 1 }));
    const busy = makeDirectChat('c2', [alice, bob], makeMessage({ id: 'm2', chatId: 'c2', seq: 2 }));
    const live = withMessage(quiet, makeMessage({ id: 'm9', chatId: 'c1', seq: 9 }));

    const merged = mergeFetchedChats([live, busy], [busy, quiet]);

    expect(merged.map((chat) => [chat.id, chat.lastSeq])).toEqual([
      ['c1', 9],
      ['c2', 2],
    ]);
  });

  it('keeps a receipt that arrived while the list was being fetched (watermarks only rise)', () => {
    const fetched = makeDirectChat('c1', [alice, bob], makeMessage({ id: 'm3', chatId: 'c1', seq: 3 }));
    const live = {
      ...fetched,
      participants: fetched.participants.map((participant) =>
        participant.user.id === bob.id ? { ...participant, lastDeliveredSeq: 3, lastReadSeq: 2 } : participant,
      ),
    };
    const newerElsewhere = {
      ...fetched,
      participants: fetched.participants.map((participant) =>
        participant.user.id === alice.id ? { ...participant, lastDeliveredSeq: 3, lastReadSeq: 3 } : participant,
      ),
    };

    const [merged] = mergeFetchedChats([live], [newerElsewhere]);

    const watermarks = merged?.participants.map((p) => [p.user.id, p.lastDeliveredSeq, p.lastReadSeq]);
    expect(watermarks).toEqual([
      [alice.id, 3, 3],
      [bob.id, 3, 2],
    ]);
  });

  it('counts a new message that mentions me once, however often it is heard, and clears with my own', () => {
    const chat = { ...makeDirectChat('c1', [alice, bob], makeMessage({ id: 'm1', chatId: 'c1', seq: 1 })) };
    const received = (before: typeof chat, message: ReturnType<typeof makeMessage>) =>
      withCounts(withMessage(before, message), before, message, alice.id);
    const mention = makeMessage({ id: 'm2', chatId: 'c1', seq: 2, sender: bob, mentions: [alice.id] });
    const once = received(chat, mention);
    expect(once).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    expect(received(once, mention)).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    const other = makeMessage({ id: 'm3', chatId: 'c1', seq: 3, sender: bob, mentions: [bob.id] });
    expect(received(once, other)).toMatchObject({ unreadCount: 2, mentionCount: 1 });
    const mine = makeMessage({ id: 'm4', chatId: 'c1', seq: 4, sender: alice });
    expect(received(once, mine)).toMatchObject({ mentionCount: 0 });
  });

  it('counts a system message as unread for everyone, once, as the server does', () => {
    const chat = makeGroupChat('g1', 'Team', [alice, bob], makeMessage({ id: 'm1', chatId: 'g1', seq: 1 }));
    const joined = makeMessage({ id: 'm2', chatId: 'g1', seq: 2, type: 'system', content: 'Carol joined the group' });
    const once = withCounts(withMessage(chat, joined), chat, joined, alice.id);
    expect(once).toMatchObject({ unreadCount: 1, mentionCount: 0, lastSeq: 2 });
    expect(withCounts(withMessage(once, joined), once, joined, alice.id)).toMatchObject({ unreadCount: 1 });
  });

  it('clears the mentions when I read to the end, and leaves a read that stops short to the server', () => {
    const chat = { ...makeDirectChat('c1', [alice, bob]), lastSeq: 5, unreadCount: 3, mentionCount: 2 };
    const read = (seq: number) => withReceipt(chat, 'read', { chatId: 'c1', userId: alice.id, seq }, alice.id);
    expect(read(4).mentionCount).toBe(2);
    expect(read(5).mentionCount).toBe(0);
    expect(withReceipt(chat, 'read', { chatId: 'c1', userId: bob.id, seq: 5 }, alice.id).mentionCount).toBe(2);
  });
});
