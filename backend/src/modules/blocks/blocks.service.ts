import { MAX_LISTED_BLOCKS, type BlockedUser } from '@messenger/contract';
import { badRequest, notFound } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import type { ChatsService } from '../chats/chats.service';
import type { ContactPresenter } from '../contacts/contacts.presenter';
import { toUserSummary } from '../users/users.presenter';
import type { BlocksRepository } from './blocks.repository';

/**
 * Any user blocks another: no contact requests between them, no messages in their direct chat, no presence and no
 * typing either way, until the blocker lifts it. Their contact is suspended (removed, and restored on unblock).
 */
export class BlocksService {
  constructor(
    private readonly repository: BlocksRepository,
    private readonly contacts: ContactPresenter,
    private readonly chats: Pick<ChatsService, 'publish' | 'sharedChatIds'>,
    private readonly events: EventPublisher,
  ) {}

  /** Idempotent: blocking again changes nothing and tells nobody. */
  async block(userId: string, targetId: string): Promise<void> {
    await this.requireOther(userId, targetId, 'You cannot block yourself');
    const outcome = await this.repository.block(userId, targetId);
    if (!outcome.created) return;
    for (const requestId of outcome.removedRequestIds) {
      this.events.toUsers([userId, targetId], 'contact:request:removed', { requestId });
    }
    if (outcome.contactRemoved) {
      this.events.toUsers([targetId], 'contact:removed', { userId });
      this.events.toUsers([userId], 'contact:removed', { userId: targetId });
    }
    await this.republishSharedChats(userId, targetId);
  }

  /** Idempotent: unblocking someone not blocked changes nothing. */
  async unblock(userId: string, targetId: string): Promise<void> {
    await this.requireOther(userId, targetId, 'You cannot unblock yourself');
    const outcome = await this.repository.unblock(userId, targetId);
    if (!outcome.removed) return;
    if (outcome.restored) {
      const { since, blocker, blocked } = outcome.restored;
      this.events.toUsers([userId], 'contact:accepted', { contact: this.contacts.contact(blocked, since) });
      this.events.toUsers([targetId], 'contact:accepted', { contact: this.contacts.contact(blocker, since) });
    }
    await this.republishSharedChats(userId, targetId);
  }

  /** The people you blocked, newest first (at most MAX_LISTED_BLOCKS), without their presence. */
  async list(userId: string): Promise<BlockedUser[]> {
    const rows = await this.repository.listBlocked(userId, MAX_LISTED_BLOCKS);
    return rows.map((row) => ({ ...toUserSummary(row.blocked), blockedAt: row.createdAt.toISOString() }));
  }

  private async requireOther(userId: string, targetId: string, selfMessage: string): Promise<void> {
    if (userId === targetId) throw badRequest(selfMessage);
    if (!(await this.repository.userExists(targetId))) throw notFound('User');
  }

  /**
   * The chats they share (direct and groups) show each other's presence as it now is (hidden, or shown again): both
   * get them afresh, so that neither device keeps showing the other online from before the block.
   */
  private async republishSharedChats(userId: string, targetId: string): Promise<void> {
    for (const chatId of await this.chats.sharedChatIds(userId, targetId)) {
      await this.chats.publish('chat:updated', chatId, [userId, targetId]);
    }
  }
}
