import { CLIENT_FEATURES, type Chat } from '@messenger/contract';
import { isUniqueViolation } from '../../db/prisma';
import type { AfterAnswer } from '../../lib/after-answer';
import { badRequest, forbidden, notFound } from '../../lib/errors';
import { declaredRoom, undeclaredRoom, type EventPublisher, type PublishOptions } from '../../realtime/events';
import { refusedByBlock } from '../blocks/block-refusal';
import { counterpartsOf, type BlocksRepository } from '../blocks/blocks.repository';
import type { ChatPresenter, ChatRecord } from './chats.presenter';
import type { ChatsRepository } from './chats.repository';

type Block = { blockerId: string; blockedId: string };

/** Who came into a group and who left it, by user id, and the membership version that change made. */
export interface ChangedMembers {
  added: readonly string[];
  removed: readonly string[];
  membersVersion: number;
}

const DELTA = CLIENT_FEATURES.membershipDelta;

export class ChatsService {
  /** Per chat, the last whole chats for older clients of a member change to go out (see publishMembership). */
  private readonly toOlderClientsOf = new Map<string, Promise<void>>();

  constructor(
    private readonly repository: ChatsRepository,
    private readonly presenter: ChatPresenter,
    private readonly events: EventPublisher,
    private readonly blocks: Pick<BlocksRepository, 'counterparts' | 'pairsAmong' | 'between'>,
    private readonly afterAnswer: AfterAnswer,
  ) {}

  async list(userId: string) {
    const [chats, presenceHidden] = await Promise.all([
      this.repository.listForUser(userId),
      this.blocks.counterparts(userId),
    ]);
    return chats.map((chat) => this.presenter.toDto(chat, userId, presenceHidden));
  }

  async get(userId: string, chatId: string): Promise<Chat> {
    const chat = await this.find(userId, chatId);
    if (!chat) throw notFound('Chat');
    return chat;
  }

  /** The chat as the user sees it; null when there is no such chat or they are not in it. */
  async find(userId: string, chatId: string): Promise<Chat | null> {
    const chat = await this.repository.findById(chatId);
    if (!chat || !chat.participants.some((participant) => participant.user.id === userId)) return null;
    return this.presenter.toDto(chat, userId, await this.blocks.counterparts(userId));
  }

  sharedChatIds(userA: string, userB: string): Promise<string[]> {
    return this.repository.sharedChatIds(userA, userB);
  }

  /** Mutes or unmutes the chat for the caller alone; their other devices hear of it through chat:updated. */
  async setMuted(userId: string, chatId: string, muted: boolean) {
    if (!(await this.repository.setMuted(chatId, userId, muted))) throw notFound('Chat');
    await this.publish('chat:updated', chatId, [userId]);
    return this.get(userId, chatId);
  }

  /** One direct chat per pair: returns the existing one, or creates it (the unique key settles concurrent creates). */
  async openDirect(userId: string, otherId: string) {
    if (userId === otherId) throw badRequest('You cannot start a chat with yourself');
    const existing = await this.repository.findDirect(userId, otherId);
    const presenceHidden = await this.blocks.counterparts(userId);
    if (existing) return { created: false, chat: this.presenter.toDto(existing, userId, presenceHidden) };
    if (!(await this.repository.contactIdsAmong(userId, [otherId])).has(otherId)) {
      const blocked = await this.blocks.between(userId, otherId);
      if (blocked) throw refusedByBlock(blocked, 'start a chat with them');
      throw forbidden('You can only start a direct chat with a contact');
    }
    try {
      const chat = await this.repository.createDirect(userId, otherId);
      await this.publish('chat:created', chat.id, [userId, otherId]);
      return { created: true, chat: this.presenter.toDto(chat, userId, presenceHidden) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.repository.findDirect(userId, otherId);
      if (!raced) throw error;
      return { created: false, chat: this.presenter.toDto(raced, userId, presenceHidden) };
    }
  }

  /** Access check used by every chat-scoped read and write; a chat you are not in does not exist for you. */
  async requireParticipants(userId: string, chatId: string): Promise<string[]> {
    const participantIds = await this.repository.participantIds(chatId);
    if (!participantIds.includes(userId)) throw notFound('Chat');
    return participantIds;
  }

  /**
   * Publishes the chat as each recipient sees it (their own unread count), to the recipients still in it: read now,
   * it may already hold a change made after one of them left.
   */
  async publish(event: 'chat:created' | 'chat:updated', chatId: string, recipients: readonly string[]): Promise<void> {
    if (recipients.length === 0) return;
    const chat = await this.repository.findById(chatId);
    if (!chat) return;
    const blocks = await this.blocks.pairsAmong(chat.participants.map((participant) => participant.user.id));
    this.toEachAsTheySeeIt(event, chat, blocks, recipients.filter(isIn(chat)));
  }

  /**
   * Tells the members a group change left (`recipients`; those still in it now) who came in and who went. Devices
   * that declared `membership-delta` get `chat:members`, the change alone: one payload for all of them (one per set
   * of new members whose presence a block hides from some), logged for every recipient, so that each of their devices
   * can replay it. Devices that did not get `chat:updated`, the whole chat as each user sees it: what every member
   * cost before, now paid only for users with such a device connected (`sync` gives the others theirs). Finding those
   * asks every instance (up to the adapter's timeout when one does not answer): the chat's next messages, published
   * in seq order after this, do not wait for that answer; the whole chats follow it, in the order of the changes.
   */
  async publishMembership(chatId: string, changed: ChangedMembers, recipients: readonly string[]): Promise<void> {
    if (recipients.length === 0) return;
    const chat = await this.repository.findById(chatId);
    if (!chat) return;
    const audience = recipients.filter(isIn(chat));
    if (audience.length === 0) return;
    const memberIds = chat.participants.map((participant) => participant.user.id);
    const blocksAmong = this.blocks.pairsAmong(memberIds);
    this.tellOlderClients(chat, blocksAmong, this.events.withoutFeature(DELTA, audience));
    const blocks = await blocksAmong;
    // As the chat is now: someone who left again meanwhile is not added, someone back meanwhile is not removed.
    const added = chat.participants.filter((participant) => changed.added.includes(participant.user.id));
    const removed = changed.removed.filter((userId) => !memberIds.includes(userId));
    const addedIds = added.map((participant) => participant.user.id);
    for (const { presenceHidden, userIds } of byHiddenPresence(audience, addedIds, blocks)) {
      const payload = {
        chatId,
        added: added.map((participant) => this.presenter.toParticipant(participant, presenceHidden)),
        removed,
        ownerId: chat.ownerId,
        updatedAt: chat.updatedAt.toISOString(),
        // The change's own version, not the chat's now: a later change read here still comes with its own.
        membersVersion: changed.membersVersion,
      };
      this.events.toUsers(userIds, 'chat:members', payload, { room: declaredRoom(DELTA) });
    }
  }

  /**
   * The whole chat, to each of `olderClients` (users with a device that did not declare `membership-delta`) once they
   * are known, after those of the chat's previous changes: in the order of the changes, behind nobody else's events.
   */
  private tellOlderClients(
    chat: ChatRecord,
    blocksAmong: Promise<readonly Block[]>,
    olderClients: Promise<ReadonlySet<string>>,
  ): void {
    const previous = this.toOlderClientsOf.get(chat.id) ?? Promise.resolve();
    const told = Promise.all([blocksAmong, olderClients, previous]).then(([blocks, userIds]) =>
      this.toEachAsTheySeeIt('chat:updated', chat, blocks, [...userIds], { room: undeclaredRoom(DELTA) }),
    );
    this.afterAnswer.add('telling older clients of a member change', told, { chatId: chat.id });
    const settled = told.catch(() => undefined);
    this.toOlderClientsOf.set(chat.id, settled);
    void settled.then(() => {
      if (this.toOlderClientsOf.get(chat.id) === settled) this.toOlderClientsOf.delete(chat.id);
    });
  }

  /** The chat to each recipient as they see it (their counts, presence hidden across their blocks): one payload each. */
  private toEachAsTheySeeIt(
    event: 'chat:created' | 'chat:updated',
    chat: ChatRecord,
    blocks: readonly Block[],
    recipients: readonly string[],
    options?: PublishOptions,
  ): void {
    for (const userId of recipients) {
      const chatAsSeen = this.presenter.toDto(chat, userId, counterpartsOf(userId, blocks));
      this.events.toUsers([userId], event, { chat: chatAsSeen }, options);
    }
  }
}

function isIn(chat: ChatRecord): (userId: string) => boolean {
  const participantIds = new Set(chat.participants.map((participant) => participant.user.id));
  return (userId) => participantIds.has(userId);
}

/**
 * The recipients grouped by which new members' presence a block hides from them: all of them in one group, unless a
 * block stands between one of them and a new member.
 */
function byHiddenPresence(recipients: readonly string[], addedIds: readonly string[], blocks: readonly Block[]) {
  const withNewMembers = blocks.filter(
    ({ blockerId, blockedId }) => addedIds.includes(blockerId) || addedIds.includes(blockedId),
  );
  const groups = new Map<string, { presenceHidden: ReadonlySet<string>; userIds: string[] }>();
  for (const userId of recipients) {
    const presenceHidden = counterpartsOf(userId, withNewMembers);
    const key = [...presenceHidden].sort().join(' ');
    const group = groups.get(key) ?? { presenceHidden, userIds: [] };
    group.userIds.push(userId);
    groups.set(key, group);
  }
  return groups.values();
}
