import { badRequest, notFound } from '../../lib/errors';
import type { BlocksRepository } from '../blocks/blocks.repository';
import type { PresenceRepository } from '../presence/presence.repository';
import type { UserPresenter } from './users.presenter';
import type { UsersRepository } from './users.repository';

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly presenter: UserPresenter,
    private readonly presence: Pick<PresenceRepository, 'visibleTo'>,
    private readonly blocks: Pick<BlocksRepository, 'isBlocked'>,
  ) {}

  async me(userId: string) {
    const user = await this.users.findPrivateById(userId);
    if (!user) throw notFound('User');
    return this.presenter.toPrivate(user);
  }

  async updateMe(userId: string, changes: { displayName?: string; avatarAttachmentId?: string | null }) {
    const avatarId = changes.avatarAttachmentId;
    if (avatarId && !(await this.users.ownsImage(userId, avatarId))) {
      throw badRequest('avatarAttachmentId must be an image you uploaded', [
        { field: 'avatarAttachmentId', message: 'not an image you uploaded' },
      ]);
    }
    return this.presenter.toPrivate(await this.users.updateProfile(userId, changes));
  }

  async profile(viewerId: string, userId: string) {
    const user = await this.users.findPublicById(userId);
    if (!user) throw notFound('User');
    const [isContact, isBlocked, presenceVisible] = await Promise.all([
      viewerId !== userId && this.users.isContact(viewerId, userId),
      viewerId !== userId && this.blocks.isBlocked(viewerId, userId),
      this.presence.visibleTo(viewerId, [userId]),
    ]);
    // isBlocked: the viewer blocked them (whether they blocked the viewer is not told).
    return { ...this.presenter.toPublic(user, presenceVisible.has(userId)), isContact, isBlocked };
  }

  /** Anyone can be found; only the viewer's contacts and chat partners come with their presence. */
  async search(viewerId: string, term: string, limit: number) {
    const users = await this.users.search(term, viewerId, limit);
    const presenceVisible = await this.presence.visibleTo(
      viewerId,
      users.map((user) => user.id),
    );
    return users.map((user) => this.presenter.toPublic(user, presenceVisible.has(user.id)));
  }
}
