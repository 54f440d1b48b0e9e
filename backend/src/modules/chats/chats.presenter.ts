import type { Chat, Participant } from '@messenger/contract';
import type { Prisma } from '../../db/prisma';
import type { MessagePresenter, MessageRecord } from '../messages/messages.presenter';
import { avatarUrl, publicUserSelect, type UserPresenter } from '../users/users.presenter';

export const chatInclude = {
  participants: {
    select: {
      role: true,
      lastReadSeq: true,
      lastDeliveredSeq: true,
      muted: true,
      joinedAt: true,
      user: { select: publicUserSelect },
    },
    orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }],
  },
} satisfies Prisma.ChatInclude;

/**
 * A chat with its participants, its newest message and its participants' unread mentions by user id (both loaded
 * separately: see ChatsRepository).
 */
export type ChatRecord = Prisma.ChatGetPayload<{ include: typeof chatInclude }> & {
  lastMessage: MessageRecord | null;
  mentionCounts: ReadonlyMap<string, number>;
};
export type ParticipantRecord = ChatRecord['participants'][number];

export class ChatPresenter {
  constructor(
    private readonly users: UserPresenter,
    private readonly messages: MessagePresenter,
  ) {}

  /**
   * A chat as one participant sees it: unreadCount, mentionCount and muted are theirs. `presenceHidden`:
   * participants whose presence the viewer may not see, because a block stands between them
   * (BlocksRepository.counterparts).
   */
  toDto(chat: ChatRecord, viewerId: string, presenceHidden: ReadonlySet<string>): Chat {
    const viewer = chat.participants.find((participant) => participant.user.id === viewerId);
    const { lastMessage } = chat;
    return {
      id: chat.id,
      type: chat.type,
      name: chat.name,
      avatarUrl: avatarUrl(chat.avatarAttachmentId),
      ownerId: chat.ownerId,
      visibility: chat.visibility,
      participants: chat.participants.map((participant) => this.toParticipant(participant, presenceHidden)),
      lastMessage: lastMessage ? this.messages.toDto(lastMessage) : null,
      lastSeq: chat.lastSeq,
      membersVersion: chat.membersVersion,
      unreadCount: Math.max(0, chat.lastSeq - (viewer?.lastReadSeq ?? chat.lastSeq)),
      mentionCount: chat.mentionCounts.get(viewerId) ?? 0,
      muted: viewer?.muted ?? false,
      updatedAt: chat.updatedAt.toISOString(),
    };
  }

  /**
   * A participant as a viewer sees them. Only participants see a chat, so everyone listed is the viewer's chat
   * partner: presence is theirs to see, unless one of them blocked the other (`presenceHidden`, as for toDto).
   */
  toParticipant(participant: ParticipantRecord, presenceHidden: ReadonlySet<string>): Participant {
    return {
      user: this.users.toPublic(participant.user, !presenceHidden.has(participant.user.id)),
      role: participant.role,
      lastReadSeq: participant.lastReadSeq,
      lastDeliveredSeq: participant.lastDeliveredSeq,
    };
  }
}
