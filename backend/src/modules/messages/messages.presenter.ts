import type { Message, Reaction } from '@messenger/contract';
import type { Prisma } from '../../db/prisma';
import { toAttachmentDto } from '../media/media.presenter';
import { toUserSummary, userSummarySelect } from '../users/users.presenter';

export const messageInclude = {
  sender: { select: userSummarySelect },
  replyTo: {
    select: {
      id: true,
      seq: true,
      content: true,
      deletedAt: true,
      sender: { select: userSummarySelect },
      mentions: { select: { userId: true }, orderBy: { userId: 'asc' } },
    },
  },
  attachments: { orderBy: { createdAt: 'asc' } },
  reactions: { select: { emoji: true, userId: true }, orderBy: { createdAt: 'asc' } },
  mentions: { select: { userId: true }, orderBy: { userId: 'asc' } },
  pin: { select: { pinnedAt: true, pinnedBy: { select: userSummarySelect } } },
} satisfies Prisma.MessageInclude;

export type MessageRecord = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

const EXCERPT_LENGTH = 120;

export class MessagePresenter {
  toDto(message: MessageRecord): Message {
    const reply = message.replyTo;
    return {
      id: message.id,
      chatId: message.chatId,
      seq: message.seq,
      clientMsgId: message.clientMsgId,
      sender: message.sender ? toUserSummary(message.sender) : null,
      type: message.type,
      content: message.deletedAt ? '' : message.content,
      replyTo: reply
        ? {
            id: reply.id,
            seq: reply.seq,
            sender: reply.sender ? toUserSummary(reply.sender) : null,
            excerpt: reply.deletedAt ? '' : reply.content.slice(0, EXCERPT_LENGTH),
            mentions: reply.mentions.map((mention) => mention.userId),
          }
        : null,
      attachments: message.attachments.map(toAttachmentDto),
      reactions: groupReactions(message.reactions),
      mentions: message.mentions.map((mention) => mention.userId),
      editedAt: message.editedAt?.toISOString() ?? null,
      deletedAt: message.deletedAt?.toISOString() ?? null,
      createdAt: message.createdAt.toISOString(),
      pinnedAt: message.pin?.pinnedAt.toISOString() ?? null,
      pinnedBy: message.pin?.pinnedBy ? toUserSummary(message.pin.pinnedBy) : null,
    };
  }
}

export function groupReactions(reactions: { emoji: string; userId: string }[]): Reaction[] {
  const byEmoji = new Map<string, string[]>();
  for (const { emoji, userId } of reactions) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, count: userIds.length, userIds }));
}
