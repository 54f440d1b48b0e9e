import type { AfterAnswer } from '../../lib/after-answer';
import { AppError, badRequest, forbidden, notFound, userDeactivated } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import type { MessagePresenter } from '../messages/messages.presenter';
import type { ChatPublicationOrder } from '../messages/publication-order';
import type { WrittenMessage } from '../messages/messages.repository';
import { onlyTheOwner, type AddedMembers, type ChatsRepository } from './chats.repository';
import { MAX_GROUP_PARTICIPANTS, type CreateGroupInput, type UpdateGroupInput } from '@messenger/contract';
import type { ChatsService } from './chats.service';

type Membership = NonNullable<Awaited<ReturnType<ChatsRepository['membership']>>>;

/**
 * Group chats: every change runs in one transaction that also writes the system message recording it, and is
 * published only after that transaction commits, to the members as that transaction left them (read under the
 * chat's lock, after the write), never to a list read before it. What the checks here rely on (the group exists, the
 * actor owns it, the new owner is a member) is checked again under that lock, so that changes made at the same moment
 * answer as they would one after the other. Their system messages are published in seq order with the messages
 * sent meanwhile (`order`, shared with MessagesService), after the answer (`afterAnswer`): telling the members may
 * wait on every instance (ChatsService.publishMembership), which the one who made the change does not.
 */
export class GroupsService {
  constructor(
    private readonly repository: ChatsRepository,
    private readonly chats: ChatsService,
    private readonly messages: MessagePresenter,
    private readonly events: EventPublisher,
    private readonly order: ChatPublicationOrder,
    private readonly afterAnswer: AfterAnswer,
  ) {}

  async create(ownerId: string, input: CreateGroupInput) {
    const memberIds = input.memberIds.filter((id) => id !== ownerId);
    await this.requireContacts(ownerId, memberIds);
    if (input.avatarAttachmentId) await this.requireOwnImage(ownerId, input.avatarAttachmentId);
    const owner = await this.nameOf(ownerId);
    const written = await this.repository.createGroup({
      ...input,
      ownerId,
      memberIds,
      systemText: `${owner} created the ${input.visibility === 'open' ? 'open ' : ''}group "${input.name}"`,
    });
    const { chatId } = written.record;
    await this.chats.publish('chat:created', chatId, written.participantIds);
    this.announce(written);
    return this.chats.get(ownerId, chatId);
  }

  async update(actorId: string, chatId: string, request: UpdateGroupInput) {
    const group = await this.requireOwner(actorId, chatId);
    // Asking for the visibility it has is no change (no system message about it).
    const input = { ...request, visibility: request.visibility === group.visibility ? undefined : request.visibility };
    if (Object.values(input).every((value) => value === undefined)) return this.chats.get(actorId, chatId);
    const actor = await this.nameOf(actorId);
    const changes: string[] = [];
    if (input.name !== undefined) changes.push(`renamed the group to "${input.name}"`);
    if (input.visibility === 'open') changes.push('made the group open');
    if (input.visibility === 'private') changes.push('made the group private');
    if (input.avatarAttachmentId) await this.requireOwnImage(actorId, input.avatarAttachmentId);
    if (input.avatarAttachmentId !== undefined) {
      changes.push(input.avatarAttachmentId ? 'changed the group photo' : 'removed the group photo');
    }
    if (input.ownerId !== undefined && input.ownerId !== actorId) {
      changes.push(`made ${await this.nameOf(input.ownerId)} the owner`);
    }
    await this.inOrder(chatId, async () => {
      const written = await this.repository.updateGroup(
        { chatId, ownerId: actorId, systemText: `${actor} ${changes.join(' and ') || 'updated the group'}` },
        { ...input, ownerId: input.ownerId === actorId ? undefined : input.ownerId },
      );
      return { written, publish: () => this.publishChange(written) };
    });
    return this.chats.get(actorId, chatId);
  }

  async delete(actorId: string, chatId: string): Promise<void> {
    await this.requireOwner(actorId, chatId);
    const members = await this.repository.deleteChat({ chatId, ownerId: actorId });
    this.events.toUsers(members, 'chat:removed', { chatId });
  }

  async addParticipants(actorId: string, chatId: string, userIds: string[]) {
    const group = await this.requireOwner(actorId, chatId);
    const newIds = userIds.filter((id) => !isMember(group, id));
    if (newIds.length === 0) return this.chats.get(actorId, chatId);
    if (group.participants.length + newIds.length > MAX_GROUP_PARTICIPANTS) {
      throw new AppError(422, 'GROUP_FULL', `A group can have at most ${MAX_GROUP_PARTICIPANTS} participants`);
    }
    await this.requireContacts(actorId, newIds);
    const names = await this.repository.displayNames([actorId, ...newIds]);
    await this.addMembers(chatId, () =>
      this.repository.addParticipants(
        { chatId, ownerId: actorId },
        newIds,
        (addedIds) => `${names.get(actorId)} added ${addedIds.map((id) => names.get(id)).join(', ')}`,
      ),
    );
    return this.chats.get(actorId, chatId);
  }

  /**
   * The one way members come in, added by the owner or joining an open group: `add` writes them with the system
   * message (null: nobody was left to add). Then the new members' devices get the group (chat:created), the others
   * who came in (ChatsService.publishMembership), and all of them the system message, in seq order with the chat's
   * messages.
   */
  async addMembers(chatId: string, add: () => Promise<AddedMembers | null>): Promise<void> {
    await this.inOrder(chatId, async () => {
      const change = await add();
      if (!change) return null;
      const { addedIds, written, membersVersion } = change;
      const publish = async () => {
        await this.chats.publish('chat:created', chatId, addedIds);
        const others = written.participantIds.filter((id) => !addedIds.includes(id));
        await this.chats.publishMembership(chatId, { added: addedIds, removed: [], membersVersion }, others);
        this.announce(written);
      };
      return { written, publish };
    });
  }

  /** The owner removes anyone; any member removes themselves (leaves). */
  async removeParticipant(actorId: string, chatId: string, userId: string): Promise<void> {
    const group = await this.requireGroup(actorId, chatId);
    if (actorId !== userId && group.ownerId !== actorId) throw forbidden('Only the group owner can remove members');
    if (!isMember(group, userId)) throw notFound('Participant');
    const names = await this.repository.displayNames([actorId, userId]);
    const systemText =
      actorId === userId ? `${names.get(userId)} left` : `${names.get(actorId)} removed ${names.get(userId)}`;
    const ownerId = actorId === userId ? undefined : actorId;
    await this.inOrder(chatId, async () => {
      const change = await this.repository.removeParticipant({ chatId, ownerId, systemText }, userId);
      this.events.toUsers([userId], 'chat:removed', { chatId });
      if (!change) return null;
      const { written, membersVersion } = change;
      const publish = async () => {
        await this.chats.publishMembership(
          chatId,
          { added: [], removed: [userId], membersVersion },
          written.participantIds,
        );
        this.announce(written);
      };
      return { written, publish };
    });
  }

  /**
   * A change to an existing group whose system message is published in seq order with the chat's other messages:
   * `change` writes it and says how to publish it (null: nothing was written). Resolves once it is written; the
   * publication goes on after the answer.
   */
  private async inOrder(
    chatId: string,
    change: () => Promise<{ written: WrittenMessage; publish: () => Promise<void> } | null>,
  ): Promise<void> {
    const publications = this.order.begin([chatId]);
    try {
      const done = await change();
      if (done) publications.add(chatId, done.written.record.seq, done.publish);
    } finally {
      this.afterAnswer.add('publishing a group change', publications.end(), { chatId });
    }
  }

  /** Tells the members of a change written elsewhere (an owner's deactivation): the chat, then its system message. */
  async publishChange(written: WrittenMessage): Promise<void> {
    await this.chats.publish('chat:updated', written.record.chatId, written.participantIds);
    this.announce(written);
  }

  /** The system message of a change, to the members the change left. */
  private announce({ record, participantIds }: WrittenMessage): void {
    this.events.toUsers(participantIds, 'message:new', { message: this.messages.toDto(record) });
  }

  private async requireGroup(userId: string, chatId: string): Promise<Membership> {
    const chat = await this.repository.membership(chatId);
    if (!chat || !isMember(chat, userId)) throw notFound('Chat');
    if (chat.type !== 'group') throw badRequest('This is a direct chat, not a group');
    return chat;
  }

  private async requireOwner(userId: string, chatId: string): Promise<Membership> {
    const group = await this.requireGroup(userId, chatId);
    if (group.ownerId !== userId) throw onlyTheOwner();
    return group;
  }

  private async requireContacts(userId: string, candidateIds: string[]): Promise<void> {
    const deactivated = await this.repository.deactivatedAmong(candidateIds);
    if (deactivated.length) {
      throw userDeactivated(`Deactivated accounts cannot be added to a group (${deactivated.join(', ')})`);
    }
    const contacts = await this.repository.contactIdsAmong(userId, candidateIds);
    const strangers = candidateIds.filter((id) => !contacts.has(id));
    if (strangers.length) {
      throw forbidden(`You can only add your contacts to a group (not: ${strangers.join(', ')})`);
    }
  }

  private async requireOwnImage(userId: string, attachmentId: string): Promise<void> {
    if (!(await this.repository.ownsImage(userId, attachmentId))) {
      throw badRequest('avatarAttachmentId must be an image you uploaded', [
        { field: 'avatarAttachmentId', message: 'not an image you uploaded' },
      ]);
    }
  }

  private async nameOf(userId: string): Promise<string> {
    return (await this.repository.displayNames([userId])).get(userId) ?? 'Someone';
  }
}

const isMember = (chat: Membership, userId: string) =>
  chat.participants.some((participant) => participant.userId === userId);
