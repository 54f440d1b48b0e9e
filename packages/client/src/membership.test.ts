import type { Chat, Participant } from '@messenger/contract';
import { describe, expect, it } from 'vitest';
import {
  DECLARED_FEATURES,
  membersChangeFit,
  withMembersChanged,
  withNewestMembers,
  type MembersChange,
} from './membership';

const participant = (id: string, role: Participant['role'] = 'member'): Participant => ({
  user: { id, username: id, displayName: id, avatarUrl: null, online: false, lastSeenAt: null },
  role,
  lastReadSeq: 0,
  lastDeliveredSeq: 0,
});

const group: Chat = {
  id: 'g1',
  type: 'group',
  name: 'Crew',
  avatarUrl: null,
  ownerId: 'ann',
  visibility: 'open',
  participants: [participant('ann', 'owner'), participant('bob'), participant('cid')],
  lastMessage: null,
  lastSeq: 4,
  membersVersion: 3,
  unreadCount: 2,
  mentionCount: 1,
  muted: true,
  updatedAt: '2026-12-01T10:00:00.000Z',
};

// Dan joins (version 4) and is removed at once (5), through two server instances: the removal may arrive first.
const danJoins: MembersChange = {
  chatId: 'g1',
  added: [participant('dan')],
  removed: [],
  ownerId: 'ann',
  updatedAt: '2026-12-01T10:05:00.000Z',
  membersVersion: 4,
};
const danRemoved: MembersChange = { ...danJoins, added: [], removed: ['dan'], membersVersion: 5 };

const ids = (chat: Chat) => chat.participants.map((p) => `${p.user.id}:${p.role}`);

describe('withMembersChanged', () => {
  it('adds new members after everyone else and keeps what is the viewer’s own', () => {
    const dan = { ...participant('dan'), user: { ...participant('dan').user, online: true } };
    const changed = withMembersChanged(group, {
      chatId: 'g1',
      added: [dan],
      removed: [],
      ownerId: 'ann',
      updatedAt: '2026-12-01T10:05:00.000Z',
      membersVersion: 4,
    });
    expect(ids(changed)).toEqual(['ann:owner', 'bob:member', 'cid:member', 'dan:member']);
    expect(changed.participants[3]?.user.online).toBe(true);
    expect(changed).toMatchObject({ updatedAt: '2026-12-01T10:05:00.000Z', unreadCount: 2, mentionCount: 1 });
    expect(changed.muted).toBe(true);
    // Unchanged participants stay the same objects (components keyed on them do not re-render).
    expect(changed.participants[1]).toBe(group.participants[1]);
  });

  it('takes out who left, and hands the roles to the new owner', () => {
    const changed = withMembersChanged(group, {
      chatId: 'g1',
      added: [],
      removed: ['ann'],
      ownerId: 'bob',
      updatedAt: '2026-12-01T10:05:00.000Z',
      membersVersion: 4,
    });
    expect(ids(changed)).toEqual(['bob:owner', 'cid:member']);
    expect(changed).toMatchObject({ ownerId: 'bob', membersVersion: 4 });
  });

  it('leaves the same chat when a change is applied twice (live, then replayed)', () => {
    const change = {
      chatId: 'g1',
      added: [participant('dan')],
      removed: ['cid'],
      ownerId: 'ann',
      updatedAt: '2026-12-01T10:05:00.000Z',
      membersVersion: 4,
    };
    const once = withMembersChanged(group, change);
    expect(withMembersChanged(once, change)).toEqual(once);
    expect(ids(once)).toEqual(['ann:owner', 'bob:member', 'dan:member']);
  });

  it('ignores a change that arrives after a newer one: a join heard after the removal that followed it adds nobody', () => {
    const afterBoth = withMembersChanged(withMembersChanged(group, danJoins), danRemoved);
    expect(membersChangeFit(afterBoth, danJoins)).toBe('seen');
    expect(withMembersChanged(afterBoth, danJoins)).toBe(afterBoth);
    expect(ids(afterBoth)).toEqual(['ann:owner', 'bob:member', 'cid:member']);
  });

  it('does not apply a change that skips one not heard yet, and says the chat must be fetched', () => {
    expect(membersChangeFit(group, danRemoved)).toBe('gap');
    expect(withMembersChanged(group, danRemoved)).toBe(group);
    expect(membersChangeFit(group, danJoins)).toBe('next');
  });
});

describe('withNewestMembers', () => {
  const withDan = withMembersChanged(group, danJoins);

  it('keeps the members of a newer change against a whole chat read before it, and takes the rest', () => {
    const renamedBefore = { ...group, name: 'Renamed', unreadCount: 3 };
    const taken = withNewestMembers(renamedBefore, withDan);
    expect(ids(taken)).toEqual(ids(withDan));
    expect(taken).toMatchObject({ name: 'Renamed', unreadCount: 3, membersVersion: 4 });
  });

  it('takes a whole chat as it is when it is as new as the chat held, or newer, or the first', () => {
    const newer = { ...group, participants: [participant('ann', 'owner')], membersVersion: 6 };
    expect(withNewestMembers(newer, withDan)).toBe(newer);
    expect(withNewestMembers(group, undefined)).toBe(group);
  });
});

it('declares every handshake feature of the contract', () => {
  expect([...DECLARED_FEATURES].sort()).toEqual(['membership-delta', 'presence-batch', 'receipts-batch']);
});
