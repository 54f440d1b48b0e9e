import type { AdminUser, AdminUserListQuery } from '@messenger/contract';
import type { Prisma } from '../../db/prisma';
import type { UserRole } from '../../generated/prisma/client';
import { AppError, forbidden, notFound, userDeactivated } from '../../lib/errors';
import type { EventPublisher } from '../../realtime/events';
import { endSessions, revokeSessionsOf } from '../auth/end-sessions';
import type { RevokedSessions } from '../auth/revoked-sessions';
import { handOverGroup } from '../chats/chats.repository';
import type { GroupsService } from '../chats/groups.service';
import type { WrittenMessage } from '../messages/messages.repository';
import { normalizeUsername } from '../users/usernames';
import type { AdminUsersRepository } from './admin-users.repository';
import { toAdminUser, type AdminUserRecord } from './admin-users.presenter';
import type { Acting } from './audit-actor';
import type { AuditActor, AuditLog } from './audit-log';

type Transaction = Prisma.TransactionClient;

export const lastAdmin = () =>
  new AppError(409, 'LAST_ADMIN', 'This is the last active admin: make someone else an admin first');
const deactivatingYourself = () =>
  new AppError(409, 'CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account; another admin can');

/**
 * Roles and deactivation, for the admin API and the admin command line alike (one write path). Each change runs
 * under the roster lock, checks again there who is asking and what the target is, records itself in the audit log in
 * the same transaction, and leaves at least one active admin. Sessions end and events go out after the commit.
 */
export class AdminUsersService {
  constructor(
    private readonly repository: AdminUsersRepository,
    private readonly audit: AuditLog,
    private readonly revoked: Pick<RevokedSessions, 'add'>,
    private readonly events: Pick<EventPublisher, 'endSession'>,
    private readonly groups: Pick<GroupsService, 'publishChange'>,
  ) {}

  async list(query: AdminUserListQuery): Promise<{ users: AdminUser[]; nextCursor: string | null }> {
    const after = query.cursor ? Buffer.from(query.cursor, 'base64url').toString() : undefined;
    const rows = await this.repository.list({ ...query, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last ? Buffer.from(normalizeUsername(last.username)).toString('base64url') : null;
    return { users: page.map(toAdminUser), nextCursor };
  }

  async get(id: string): Promise<AdminUser> {
    const user = await this.repository.findById(id);
    if (!user) throw notFound('User');
    return toAdminUser(user);
  }

  /** The user with this username (any case), for the command line; 404 when there is none. */
  async byUsername(username: string): Promise<AdminUser> {
    const user = await this.repository.findByUsername(normalizeUsername(username));
    if (!user) throw notFound(`User "${username}"`);
    return toAdminUser(user);
  }

  async setRole(acting: Acting, targetId: string, role: UserRole): Promise<AdminUser> {
    return this.repository.changeRoster(async (tx) => {
      const actor = await this.actorOf(tx, acting);
      const target = await this.lockTarget(tx, targetId);
      if (target.role === role) return toAdminUser(target);
      if (role === 'admin' && target.status !== 'active') {
        throw userDeactivated(`${target.username} is deactivated: reactivate them before making them an admin`);
      }
      const changed = await this.repository.setRole(tx, targetId, role);
      await this.requireAnActiveAdmin(tx);
      await this.audit.record(
        { actor, action: 'user.role', target: changed, details: { role, previousRole: target.role } },
        tx,
      );
      return toAdminUser(changed);
    });
  }

  /**
   * Deactivates an account: every session of it ends at once (refresh refused, access tokens refused, open sockets
   * closed on every instance), and each group it owns passes to its longest-standing active member.
   */
  async deactivate(acting: Acting, targetId: string): Promise<AdminUser> {
    if (acting !== 'command-line' && acting.adminId === targetId) throw deactivatingYourself();
    const { user, endedSessions, handOvers } = await this.repository.changeRoster(async (tx) => {
      const actor = await this.actorOf(tx, acting);
      const target = await this.lockTarget(tx, targetId);
      if (target.status === 'deactivated') return { user: target, endedSessions: [], handOvers: [] };
      const changed = await this.repository.setActive(tx, targetId, false);
      await this.requireAnActiveAdmin(tx);
      const sessions = await revokeSessionsOf(tx, targetId);
      const written: WrittenMessage[] = [];
      for (const chatId of await this.repository.ownedGroupIds(tx, targetId)) {
        const handOver = await handOverGroup(
          tx,
          chatId,
          targetId,
          (successor) => `${successor} is now the owner (${target.displayName}'s account was deactivated)`,
        );
        if (handOver) written.push(handOver);
      }
      await this.audit.record(
        {
          actor,
          action: 'user.deactivate',
          target: changed,
          details: { sessionsEnded: sessions.length, groupsHandedOver: written.length },
        },
        tx,
      );
      return { user: changed, endedSessions: sessions, handOvers: written };
    });
    await endSessions(endedSessions, this.revoked, this.events);
    for (const written of handOvers) await this.groups.publishChange(written);
    return toAdminUser(user);
  }

  /** Lets the person sign in again; their old sessions stay ended. */
  async reactivate(acting: Acting, targetId: string): Promise<AdminUser> {
    return this.repository.changeRoster(async (tx) => {
      const actor = await this.actorOf(tx, acting);
      const target = await this.lockTarget(tx, targetId);
      if (target.status === 'active') return toAdminUser(target);
      const changed = await this.repository.setActive(tx, targetId, true);
      await this.audit.record({ actor, action: 'user.reactivate', target: changed }, tx);
      return toAdminUser(changed);
    });
  }

  /** An admin demoted or deactivated while their request waited for the lock acts no more. */
  /** The acting admin, checked again under the roster lock: one demoted or deactivated meanwhile acts no more. */
  private async actorOf(tx: Transaction, acting: Acting): Promise<AuditActor> {
    if (acting === 'command-line') return { kind: 'command-line' };
    const user = await this.repository.lockUser(tx, acting.adminId);
    if (user?.role !== 'admin' || user.status !== 'active') throw forbidden('Only admins may do this');
    return { kind: 'user', id: user.id, username: user.username };
  }

  private async lockTarget(tx: Transaction, id: string): Promise<AdminUserRecord> {
    const user = await this.repository.lockUser(tx, id);
    if (!user) throw notFound('User');
    return user;
  }

  private async requireAnActiveAdmin(tx: Transaction): Promise<void> {
    if ((await this.repository.activeAdminCount(tx)) === 0) throw lastAdmin();
  }
}
