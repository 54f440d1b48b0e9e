import { api } from '../../shared/api/client';
import type { UserSummary } from '@messenger/contract';

/** Shapes of the administration API (api-contract.md, "Roles and administration"). Every call is admin-only. */

export type Role = 'admin' | 'member';
export type AccountStatus = 'active' | 'deactivated';
export type RegistrationMode = 'open' | 'invite' | 'closed';

/** Someone as an admin sees them in the People list. */
export interface AdminUser extends UserSummary {
  role: Role;
  status: AccountStatus;
  createdAt: string;
  lastSeenAt: string | null;
  deactivatedAt?: string | null;
}

/** One page of a list that continues while `nextCursor` is not null. */
export interface CursorPage<Item> {
  items: Item[];
  nextCursor: string | null;
}

export interface UserFilter {
  q: string;
  /** Everyone when undefined. */
  status?: AccountStatus;
}

/** Shown once: the server keeps only its hash. */
export interface PasswordResetGrant {
  resetToken: string;
  expiresAt: string;
  resetUrl?: string;
}

export interface Invite {
  id: string;
  code: string;
  url: string;
  /** null: no limit. */
  maxUses: number | null;
  uses: number;
  /** null: never expires. */
  expiresAt: string | null;
}

export interface NewInvite {
  maxUses?: number;
  expiresInHours?: number;
}

export interface AuditParty {
  /** null once the account is gone: the label keeps who it was. */
  id: string | null;
  label: string;
}

export interface AuditEntry {
  id: string;
  actor: AuditParty;
  action: string;
  target: AuditParty | null;
  details: Record<string, unknown>;
  createdAt: string;
}

const PAGE_SIZE = 50;
const userPath = (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}`;

export async function fetchUsers(filter: UserFilter, cursor: string | null): Promise<CursorPage<AdminUser>> {
  const params = { q: filter.q || undefined, status: filter.status, limit: PAGE_SIZE, cursor: cursor ?? undefined };
  const { data } = await api.get<{ users: AdminUser[]; nextCursor: string | null }>('/api/admin/users', { params });
  return { items: data.users, nextCursor: data.nextCursor };
}

export async function setRole(userId: string, role: Role): Promise<AdminUser> {
  const { data } = await api.put<{ user: AdminUser }>(userPath(userId), { role });
  return data.user;
}

/** Ends every session of theirs at once; they can no longer sign in. */
export async function deactivateUser(userId: string): Promise<AdminUser> {
  const { data } = await api.post<{ user: AdminUser }>(`${userPath(userId)}/deactivate`);
  return data.user;
}

export async function reactivateUser(userId: string): Promise<AdminUser> {
  const { data } = await api.post<{ user: AdminUser }>(`${userPath(userId)}/reactivate`);
  return data.user;
}

export async function issuePasswordReset(userId: string): Promise<PasswordResetGrant> {
  const { data } = await api.post<PasswordResetGrant>(`${userPath(userId)}/password-reset`);
  return data;
}

export async function fetchRegistrationMode(): Promise<RegistrationMode> {
  const { data } = await api.get<{ settings: { registration: RegistrationMode } }>('/api/admin/settings');
  return data.settings.registration;
}

export async function saveRegistrationMode(registration: RegistrationMode): Promise<RegistrationMode> {
  const { data } = await api.put<{ settings: { registration: RegistrationMode } }>('/api/admin/settings', {
    registration,
  });
  return data.settings.registration;
}

export async function fetchInvites(): Promise<Invite[]> {
  const { data } = await api.get<{ invites: Invite[] }>('/api/admin/invites');
  return data.invites;
}

export async function createInvite(invite: NewInvite): Promise<Invite> {
  const { data } = await api.post<{ invite: Invite }>('/api/admin/invites', invite);
  return data.invite;
}

export async function revokeInvite(inviteId: string): Promise<void> {
  await api.delete(`/api/admin/invites/${encodeURIComponent(inviteId)}`);
}

export async function fetchAuditLog(cursor: string | null): Promise<CursorPage<AuditEntry>> {
  const params = { limit: PAGE_SIZE, cursor: cursor ?? undefined };
  const { data } = await api.get<{ entries: AuditEntry[]; nextCursor: string | null }>('/api/admin/audit', { params });
  return { items: data.entries, nextCursor: data.nextCursor };
}
