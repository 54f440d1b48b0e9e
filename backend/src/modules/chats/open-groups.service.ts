import type { OpenGroup } from '@messenger/contract';
import { notFound } from '../../lib/errors';
import { refusedByBlock } from '../blocks/block-refusal';
import type { BlocksRepository } from '../blocks/blocks.repository';
import { avatarUrl, toUserSummary } from '../users/users.presenter';
import type { ChatsRepository } from './chats.repository';
import type { ChatsService } from './chats.service';
import type { GroupsService } from './groups.service';
import type { OpenGroupRecord, OpenGroupsRepository } from './open-groups.repository';

/**
 * Open groups, found and joined by people outside them. A private group is never shown nor joinable: to anyone
 * outside it, it does not exist (404). Joining is adding a member who asked for it: the same system message, the
 * same events, the same cap; only the owner's contacts rule does not apply.
 */
export class OpenGroupsService {
  constructor(
    private readonly repository: OpenGroupsRepository,
    private readonly chatsRepository: Pick<ChatsRepository, 'membership' | 'displayNames' | 'addParticipants'>,
    private readonly chats: ChatsService,
    private readonly groups: Pick<GroupsService, 'addMembers'>,
    private readonly blocks: Pick<BlocksRepository, 'between'>,
  ) {}

  async discover(userId: string, query: string, limit: number): Promise<OpenGroup[]> {
    return (await this.repository.discover(userId, query, limit)).map(toOpenGroup);
  }

  /**
   * Joins an open group and answers it as a member sees it. Joining a chat you are in already changes nothing
   * (a retry, or a second device, gets the same answer). A block between the joiner and the owner refuses it (403
   * BLOCKED), as it refuses a direct chat between them.
   */
  async join(userId: string, chatId: string) {
    const target = await this.chatsRepository.membership(chatId);
    if (!target) throw notFound('Chat');
    if (target.participants.some((participant) => participant.userId === userId)) return this.chats.get(userId, chatId);
    if (target.type !== 'group' || target.visibility !== 'open') throw notFound('Chat');
    const blocked = target.ownerId && (await this.blocks.between(userId, target.ownerId));
    if (blocked) throw refusedByBlock(blocked, 'join their group');
    const name = (await this.chatsRepository.displayNames([userId])).get(userId) ?? 'Someone';

    await this.groups.addMembers(chatId, () =>
      this.chatsRepository.addParticipants({ chatId, joining: true }, [userId], () => `${name} joined the group`),
    );
    return this.chats.get(userId, chatId);
  }
}

function toOpenGroup(group: OpenGroupRecord): OpenGroup {
  return {
    id: group.id,
    name: group.name,
    avatarUrl: avatarUrl(group.avatarAttachmentId),
    memberCount: group.memberCount,
    owner: group.owner && toUserSummary(group.owner),
    createdAt: group.createdAt.toISOString(),
  };
}
