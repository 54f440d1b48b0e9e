import { MAX_GROUP_PARTICIPANTS, type GroupVisibility } from '@messenger/contract';
import type { Prisma, PrismaClient } from '../../db/prisma';
import { AppError, badRequest, forbidden, notFound } from '../../lib/errors';
import { unreadMentionCounts } from '../mentions/mention-counts';
import { messageInclude } from '../messages/messages.presenter';
import { insertSystemMessage, type WrittenMessage } from '../messages/messages.repository';
import { chatInclude, type ChatRecord } from './chats.presenter';

export const directKeyOf = (userA: string, userB: string) => [userA, userB].sort().join(':');

type Transaction = Prisma.TransactionClient;
type ChatWithParticipants = Prisma.ChatGetPayload<{ include: typeof chatInclude }>;

export const onlyTheOwner = () => forbidden('Only the group owner can do this');

/** A change to a group. Each runs under a row lock on the chat, which orders the changes made at the same moment. */
export interface GroupChange {
  chatId: string;
  /**
   * The owner making the change, when it takes the owner: checked again under the lock, so that one who handed the
   * group on or left at the same moment is refused (403, or 404 once out of it) as they would be a moment later.
   */
  ownerId?: string;
  /** Joining: the group must still be open under the lock, or it is a 404 (made private or deleted meanwhile). */
  joining?: true;
}

/**
 * A change that returns its system message with the members as the change left them (WrittenMessage.participantIds):
 * those, not a list read before, hear of it, so that a member removed at the same moment never hears of a change
 * committed after their removal.
 */
export interface MembershipChange extends GroupChange {
  /** The system message that records the change, e.g. "Ann added Bob". */
  systemText: string;
}

/** A change of who is in a group: the system message that says so, and the membership version it made. */
export interface MembersChanged {
  written: WrittenMessage;
  membersVersion: number;
}

/** Who came into a group, and the system message that says so. */
export interface AddedMembers extends MembersChanged {
  addedIds: string[];
}

export class ChatsRepository {
  constructor(private readonly db: PrismaClient) {}

  async listForUser(userId: string): Promise<ChatRecord[]> {
    const chats = await this.db.chat.findMany({
      where: { participants: { some: { userId } } },
      include: chatInclude,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    });
    return this.withLastMessages(chats, userId);
  }

  async findById(chatId: string): Promise<ChatRecord | null> {
    const chat = await this.db.chat.findUnique({ where: { id: chatId }, include: chatInclude });
    return chat ? ((await this.withLastMessages([chat]))[0] ?? null) : null;
  }

  async findDirect(userA: string, userB: string): Promise<ChatRecord | null> {
    const chat = await this.db.chat.findUnique({
      where: { directKey: directKeyOf(userA, userB) },
      include: chatInclude,
    });
    return chat ? ((await this.withLastMessages([chat]))[0] ?? null) : null;
  }

  /** The chats, direct and group, that both users take part in now. */
  async sharedChatIds(userA: string, userB: string): Promise<string[]> {
    const chats = await this.db.chat.findMany({
      where: { AND: [{ participants: { some: { userId: userA } } }, { participants: { some: { userId: userB } } }] },
      select: { id: true },
    });
    return chats.map((chat) => chat.id);
  }

  async createDirect(userA: string, userB: string): Promise<ChatRecord> {
    const chat = await this.db.chat.create({
      data: {
        type: 'direct',
        directKey: directKeyOf(userA, userB),
        participants: { create: [{ userId: userA }, { userId: userB }] },
      },
      include: chatInclude,
    });
    return { ...chat, lastMessage: null, mentionCounts: new Map() };
  }

  /** Creates the group with its owner, members and the "created the group" message, in one transaction. */
  async createGroup(group: {
    ownerId: string;
    name: string;
    memberIds: string[];
    avatarAttachmentId?: string;
    visibility: GroupVisibility;
    systemText: string;
  }): Promise<WrittenMessage> {
    return this.db.$transaction(async (tx) => {
      const chat = await tx.chat.create({
        data: {
          type: 'group',
          name: group.name,
          ownerId: group.ownerId,
          avatarAttachmentId: group.avatarAttachmentId,
          visibility: group.visibility,
          participants: {
            create: [{ userId: group.ownerId, role: 'owner' }, ...group.memberIds.map((userId) => ({ userId }))],
          },
        },
        select: { id: true },
      });
      return insertSystemMessage(tx, chat.id, group.systemText);
    });
  }

  /**
   * Adds those of `userIds` who are not members yet, as the lock finds them: concurrent adds count one after the
   * other, so the cap holds, and someone added at the same moment is skipped as a sequential add would. Returns null
   * when nobody was left to add. New members can read the whole history; their unread count starts at the "added"
   * message, whose text names the members actually added.
   */
  addParticipants(
    change: GroupChange,
    userIds: string[],
    systemText: (addedIds: string[]) => string,
  ): Promise<AddedMembers | null> {
    const { chatId } = change;
    return this.db.$transaction(async (tx) => {
      const { lastSeq } = await lockChat(tx, change);
      const members = new Set(
        (await tx.chatParticipant.findMany({ where: { chatId }, select: { userId: true } })).map((row) => row.userId),
      );
      const addedIds = userIds.filter((id) => !members.has(id));
      if (addedIds.length === 0) return null;
      if (members.size + addedIds.length > MAX_GROUP_PARTICIPANTS) {
        throw new AppError(
          422,
          'GROUP_FULL',
          `A group can have at most ${MAX_GROUP_PARTICIPANTS} participants (it has ${members.size})`,
        );
      }
      await tx.chatParticipant.createMany({
        data: addedIds.map((userId) => ({ chatId, userId, lastReadSeq: lastSeq, lastDeliveredSeq: lastSeq })),
      });
      const membersVersion = await raiseMembersVersion(tx, chatId);
      return { addedIds, membersVersion, written: await insertSystemMessage(tx, chatId, systemText(addedIds)) };
    });
  }

  /**
   * Removes a member. An owner who leaves hands the group to the longest-standing member; the last member to
   * leave deletes it. Returns null when the group is gone; a member already gone (removed at the same moment by
   * someone else) is a 404 that changes nothing.
   */
  removeParticipant(change: MembershipChange, userId: string): Promise<MembersChanged | null> {
    return this.db.$transaction(async (tx) => {
      await lockChat(tx, change);
      const [removed] = await tx.$queryRaw<{ role: 'owner' | 'member' }[]>`
        DELETE FROM chat_participants WHERE chat_id = ${change.chatId}::uuid AND user_id = ${userId}::uuid
        RETURNING role::text AS role`;
      if (!removed) throw notFound('Participant');
      const successor = await tx.chatParticipant.findFirst({
        where: { chatId: change.chatId },
        orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }],
        select: { userId: true },
      });
      if (!successor) {
        await tx.chat.delete({ where: { id: change.chatId } });
        return null;
      }
      if (removed.role === 'owner') await setOwner(tx, change.chatId, successor.userId);
      const membersVersion = await raiseMembersVersion(tx, change.chatId);
      return { membersVersion, written: await insertSystemMessage(tx, change.chatId, change.systemText) };
    });
  }

  /** Renames, changes the avatar or the visibility, or hands over ownership, with the system message that says so. */
  updateGroup(
    change: MembershipChange,
    update: { name?: string; avatarAttachmentId?: string | null; ownerId?: string; visibility?: GroupVisibility },
  ): Promise<WrittenMessage> {
    return this.db.$transaction(async (tx) => {
      await lockChat(tx, change);
      const { ownerId, ...details } = update;
      if (Object.keys(details).length) await tx.chat.update({ where: { id: change.chatId }, data: details });
      if (ownerId) {
        await setOwner(tx, change.chatId, ownerId);
        await raiseMembersVersion(tx, change.chatId);
      }
      return insertSystemMessage(tx, change.chatId, change.systemText);
    });
  }

  /** False when the user is not in the chat (or there is no such chat). */
  async setMuted(chatId: string, userId: string, muted: boolean): Promise<boolean> {
    const { count } = await this.db.chatParticipant.updateMany({ where: { chatId, userId }, data: { muted } });
    return count > 0;
  }

  /** Deletes a chat; returns who was in it when it went (the lock waits for membership changes in flight). */
  deleteChat(change: GroupChange): Promise<string[]> {
    const { chatId } = change;
    return this.db.$transaction(async (tx) => {
      await lockChat(tx, change);
      const participants = await tx.chatParticipant.findMany({ where: { chatId }, select: { userId: true } });
      await tx.chat.delete({ where: { id: chatId } });
      return participants.map((participant) => participant.userId);
    });
  }

  /** The membership facts every access check needs, in one query. */
  async membership(chatId: string) {
    return this.db.chat.findUnique({
      where: { id: chatId },
      select: {
        id: true,
        type: true,
        ownerId: true,
        visibility: true,
        participants: { select: { userId: true } },
      },
    });
  }

  async participantIds(chatId: string): Promise<string[]> {
    const rows = await this.db.chatParticipant.findMany({ where: { chatId }, select: { userId: true } });
    return rows.map((row) => row.userId);
  }

  async contactIdsAmong(userId: string, candidateIds: string[]): Promise<Set<string>> {
    const rows = await this.db.contact.findMany({
      where: { userId, contactId: { in: candidateIds } },
      select: { contactId: true },
    });
    return new Set(rows.map((row) => row.contactId));
  }

  /** The usernames of those of `userIds` whose accounts are deactivated. */
  async deactivatedAmong(userIds: string[]): Promise<string[]> {
    const rows = await this.db.user.findMany({
      where: { id: { in: userIds }, status: 'deactivated' },
      select: { username: true },
    });
    return rows.map((row) => row.username);
  }

  async displayNames(userIds: string[]): Promise<Map<string, string>> {
    const rows = await this.db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, displayName: true },
    });
    return new Map(rows.map((row) => [row.id, row.displayName]));
  }

  async ownsImage(userId: string, attachmentId: string): Promise<boolean> {
    return (await this.db.attachment.count({ where: { id: attachmentId, uploaderId: userId, kind: 'image' } })) > 0;
  }

  /**
   * Newest message of each chat by its (chat_id, seq) key, in one query (Prisma's nested `take: 1` would read
   * every message of every chat and cut in memory), and the unread mentions of `viewerId` in them, or of every
   * participant.
   */
  private async withLastMessages(chats: ChatWithParticipants[], viewerId?: string): Promise<ChatRecord[]> {
    const keys = chats.filter((chat) => chat.lastSeq > 0).map((chat) => ({ chatId: chat.id, seq: chat.lastSeq }));
    const [messages, mentions] = await Promise.all([
      keys.length ? this.db.message.findMany({ where: { OR: keys }, include: messageInclude }) : [],
      unreadMentionCounts(this.db, viewerId ? { userId: viewerId } : { chatIds: chats.map((chat) => chat.id) }),
    ]);
    const byChat = new Map(messages.map((message) => [message.chatId, message]));
    return chats.map((chat) => ({
      ...chat,
      lastMessage: byChat.get(chat.id) ?? null,
      mentionCounts: mentions.get(chat.id) ?? new Map<string, number>(),
    }));
  }
}

/**
 * Takes the chat's row lock, then checks again what the service checked before the transaction, which changes that
 * held the lock may have undone: a chat deleted (or, for a join, made private) meanwhile is a 404, an owner who is
 * no longer one is refused.
 */
async function lockChat(tx: Transaction, { chatId, ownerId, joining }: GroupChange): Promise<{ lastSeq: number }> {
  const [chat] = await tx.$queryRaw<{ lastSeq: number; ownerId: string | null; open: boolean }[]>`
    SELECT last_seq AS "lastSeq", owner_id::text AS "ownerId", (type = 'group' AND visibility = 'open') AS open
    FROM chats WHERE id = ${chatId}::uuid FOR UPDATE`;
  if (!chat || (joining && !chat.open)) throw notFound('Chat');
  if (ownerId !== undefined && chat.ownerId !== ownerId) {
    const stillMember = await tx.chatParticipant.count({ where: { chatId, userId: ownerId } });
    throw stillMember ? onlyTheOwner() : notFound('Chat');
  }
  return chat;
}

/**
 * Hands a group whose owner is leaving it in effect (their account is deactivated) to its longest-standing active
 * member, inside that bigger change's transaction, with the system message that says so. Chosen under the chat's
 * lock, so that a member leaving at the same moment is never chosen. Null when there is nothing to hand over (the
 * group was deleted or handed on meanwhile) or no other active member is left (the group keeps its owner).
 */
export async function handOverGroup(
  tx: Transaction,
  chatId: string,
  leavingOwnerId: string,
  systemText: (successorName: string) => string,
): Promise<WrittenMessage | null> {
  const [chat] = await tx.$queryRaw<{ ownerId: string | null }[]>`
    SELECT owner_id::text AS "ownerId" FROM chats WHERE id = ${chatId}::uuid FOR UPDATE`;
  if (chat?.ownerId !== leavingOwnerId) return null;
  const [successor] = await tx.$queryRaw<{ userId: string; displayName: string }[]>`
    SELECT p.user_id::text AS "userId", u.display_name AS "displayName"
    FROM chat_participants p JOIN users u ON u.id = p.user_id
    WHERE p.chat_id = ${chatId}::uuid AND p.user_id <> ${leavingOwnerId}::uuid AND u.status = 'active'
    ORDER BY p.joined_at, p.user_id LIMIT 1`;
  if (!successor) return null;
  await setOwner(tx, chatId, successor.userId);
  await raiseMembersVersion(tx, chatId);
  return insertSystemMessage(tx, chatId, systemText(successor.displayName));
}

/**
 * Raises the version of the group's membership (who is in it, who owns it): once per change, in its transaction
 * and under the chat's lock, so that the versions of a chat's changes follow one another without gaps.
 */
async function raiseMembersVersion(tx: Transaction, chatId: string): Promise<number> {
  const [chat] = await tx.$queryRaw<{ membersVersion: number }[]>`
    UPDATE chats SET members_version = members_version + 1 WHERE id = ${chatId}::uuid
    RETURNING members_version AS "membersVersion"`;
  if (!chat) throw notFound('Chat');
  return chat.membersVersion;
}

/** Makes a member the owner; checked under the lock, so that a member who left at the same moment cannot be one. */
async function setOwner(tx: Transaction, chatId: string, ownerId: string): Promise<void> {
  await tx.chatParticipant.updateMany({ where: { chatId, role: 'owner' }, data: { role: 'member' } });
  const { count } = await tx.chatParticipant.updateMany({
    where: { chatId, userId: ownerId },
    data: { role: 'owner' },
  });
  if (count === 0) throw badRequest('The new owner must be a member of the group');
  await tx.chat.update({ where: { id: chatId }, data: { ownerId } });
}
