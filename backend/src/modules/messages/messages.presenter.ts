import type { Prisma } from '../../db/prisma';
import { toAttachmentDto, type AttachmentDto } from '../media/media.presenter';
import { toUserSummary, userSummarySelect, type UserSummary } from '../users/users.presenter';

export const messageInclude = {
  sender: { select: userSummarySelect },
  replyTo: {
    select: { id: true, seq: true, content: true, deletedAt: true, sender: { select: userSummarySelect } },
  },
  attachments: { orderBy: { createdAt: 'asc' } },
  reactions: { select: { emoji: true, userId: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.MessageInclude;

export type MessageRecord = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

export interface ReactionDto {
  emoji: string;
  count: number;
  userIds: string[];
}

export interface MessageDto {
  id: string;
  chatId: string;
  seq: number;
  clientMsgId: string | null;
  /** Who sent it, without presence (a message is kept; a presence snapshot in it would go stale). */
  sender: UserSummary | null;
  type: 'text' | 'image' | 'system';
  content: string;
  replyTo: { id: string; seq: number; sender: UserSummary | null; excerpt: string } | null;
  attachments: AttachmentDto[];
  reactions: ReactionDto[];
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
}

const EXCERPT_LENGTH = 120;

export class MessagePresenter {
  toDto(message: MessageRecord): MessageDto {
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
          }
        : null,
      attachments: message.attachments.map(toAttachmentDto),
      reactions: groupReactions(message.reactions),
      editedAt: message.editedAt?.toISOString() ?? null,
      deletedAt: message.deletedAt?.toISOString() ?? null,
      createdAt: message.createdAt.toISOString(),
    };
  }
}

export function groupReactions(reactions: { emoji: string; userId: string }[]): ReactionDto[] {
  const byEmoji = new Map<string, string[]>();
  for (const { emoji, userId } of reactions) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
  return [...byEmoji].map(([emoji, userIds]) => ({ emoji, count: userIds.length, userIds }));
}
