import type { Chat, Message, User } from '@messenger/contract';

export function makeUser(overrides: Partial<User> & Pick<User, 'id' | 'username'>): User {
  return { displayName: overrides.username, avatarUrl: null, online: false, lastSeenAt: null, ...overrides };
}

export function makeMessage(overrides: Partial<Message> & Pick<Message, 'id' | 'chatId' | 'seq'>): Message {
  return {
    clientMsgId: null,
    sender: null,
    type: 'text',
    content: `message ${overrides.seq}`,
    replyTo: null,
    attachments: [],
    reactions: [],
    mentions: [],
    editedAt: null,
    deletedAt: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, overrides.seq)).toISOString(),
    pinnedAt: null,
    pinnedBy: null,
    ...overrides,
  };
}

export function makeDirectChat(id: string, members: User[], lastMessage: Message | null = null): Chat {
  return {
    id,
    type: 'direct',
    name: null,
    avatarUrl: null,
    ownerId: null,
    visibility: 'private',
    participants: members.map((user) => ({ user, role: 'member', lastReadSeq: 0, lastDeliveredSeq: 0 })),
    lastMessage,
    lastSeq: lastMessage?.seq ?? 0,
    membersVersion: 0,
    unreadCount: 0,
    mentionCount: 0,
    muted: false,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** A group chat; the first member owns it. */
export function makeGroupChat(id: string, name: string, members: User[], lastMessage: Message | null = null): Chat {
  return {
    ...makeDirectChat(id, members, lastMessage),
    type: 'group',
    name,
    ownerId: members[0]?.id ?? null,
    participants: members.map((user, index) => ({
      user,
      role: index === 0 ? 'owner' : 'member',
      lastReadSeq: 0,
      lastDeliveredSeq: 0,
    })),
  };
}
