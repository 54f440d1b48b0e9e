import type { CreateInviteInput, RegistrationMode, Settings } from '@messenger/contract';
import { isFirstAccount } from '../admin/roster-lock';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '../../db/prisma';
import { AppError, conflict, notFound } from '../../lib/errors';
import { auditActor, type Acting } from '../admin/audit-actor';
import type { AuditLog } from '../admin/audit-log';
import type { RegistrationGate } from '../auth/auth.service';
import { presentInvite } from './registration.presenter';
import type { RegistrationRepository } from './registration.repository';

/** Invites usable at once: enough for any onboarding wave, few enough to review on one page. */
export const MAX_ACTIVE_INVITES = 100;

export const registrationClosed = () =>
  new AppError(403, 'REGISTRATION_CLOSED', 'This server is not accepting new accounts; ask an admin for one');
export const inviteRequired = () =>
  new AppError(403, 'INVITE_REQUIRED', 'Registration is by invitation only: open the invite link you were given');
export const inviteInvalid = () =>
  new AppError(403, 'INVITE_INVALID', 'This invite has expired, been revoked or been used up; ask for a new one');

/** What the mode refuses without looking at the invite code's validity. */
function refusalOf(mode: RegistrationMode, inviteCode: string | undefined): AppError | undefined {
  if (mode === 'closed') return registrationClosed();
  if (mode === 'invite' && !inviteCode) return inviteRequired();
  return undefined;
}

/**
 * Who may register: the instance's registration mode (open, by invite, closed) and the invites admins hand out.
 * The first account of an empty installation may always register, whatever the mode: otherwise an installation
 * set to closed or invite before anyone signed up could never get its first admin.
 */
export class RegistrationService implements RegistrationGate {
  constructor(
    private readonly repository: RegistrationRepository,
    private readonly audit: AuditLog,
    private readonly frontendUrl: string,
  ) {}

  /** Public: lets the register page explain the mode before anyone types. */
  async mode(): Promise<RegistrationMode> {
    return this.repository.mode();
  }

  async settings() {
    return { registration: await this.repository.mode() };
  }

  async updateSettings(acting: Acting, input: Settings) {
    return this.repository.transaction(async (tx) => {
      const previous = await this.repository.setMode(tx, input.registration);
      await this.audit.record(
        {
          actor: await auditActor(tx, acting),
          action: 'registration.update',
          details: { from: previous, to: input.registration },
        },
        tx,
      );
      return { registration: input.registration };
    });
  }

  async createInvite(acting: Acting, input: CreateInviteInput) {
    return this.repository.transaction(async (tx) => {
      await this.repository.lockInviteCreation(tx);
      if ((await this.repository.countActiveInvites(tx)) >= MAX_ACTIVE_INVITES) {
        throw conflict(`There are already ${MAX_ACTIVE_INVITES} active invites; revoke some first`);
      }
      const actor = await auditActor(tx, acting);
      const invite = await this.repository.createInvite(tx, {
        // 128 random bits, URL-safe: it goes into a link.
        code: randomBytes(16).toString('base64url'),
        createdById: actor.kind === 'user' ? actor.id : null,
        maxUses: input.maxUses ?? null,
        expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
      });
      await this.audit.record(
        {
          actor,
          action: 'invite.create',
          details: { inviteId: invite.id, maxUses: invite.maxUses, expiresAt: invite.expiresAt?.toISOString() ?? null },
        },
        tx,
      );
      return presentInvite(invite, this.frontendUrl);
    });
  }

  /** The invites that can still be used, newest first (at most MAX_ACTIVE_INVITES). */
  async listInvites() {
    const invites = await this.repository.listActiveInvites();
    return invites.map((invite) => presentInvite(invite, this.frontendUrl));
  }

  async revokeInvite(acting: Acting, inviteId: string): Promise<void> {
    await this.repository.transaction(async (tx) => {
      const revoked = await this.repository.revokeInvite(tx, inviteId);
      if (!revoked) throw notFound('Invite');
      await this.audit.record(
        { actor: await auditActor(tx, acting), action: 'invite.revoke', details: { inviteId } },
        tx,
      );
    });
  }

  async precheck(inviteCode: string | undefined): Promise<void> {
    const refusal = refusalOf(await this.repository.mode(), inviteCode);
    if (refusal && (await this.repository.hasAccounts())) throw refusal;
  }

  /**
   * Closed refuses even with a code (closed means closed). By invite, the code must be good and one of its uses is
   * taken; when open, a good code is counted and any other ignored (the link still leads to an account).
   */
  async admit(tx: Prisma.TransactionClient, inviteCode: string | undefined): Promise<void> {
    const mode = await this.repository.mode(tx);
    if (mode !== 'open' && (await isFirstAccount(tx))) return;
    const refusal = refusalOf(mode, inviteCode);
    if (refusal) throw refusal;
    if (inviteCode && !(await this.repository.takeInviteUse(tx, inviteCode)) && mode === 'invite') {
      throw inviteInvalid();
    }
  }
}
