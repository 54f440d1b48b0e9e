import type { AuditEntry } from './adminApi';

const ACTION_NAMES: Record<string, string> = {
  'user.role-change': 'Changed role',
  'user.deactivate': 'Deactivated account',
  'user.reactivate': 'Reactivated account',
  'user.password-reset-issued': 'Issued password reset link',
  'registration.update': 'Changed who may register',
  'invite.create': 'Created invite',
  'invite.revoke': 'Revoked invite',
};

/** Actions whose new value is worth showing: the new role, the new registration mode. */
const CHANGED_SETTING: Record<string, string> = { 'user.role-change': 'role', 'registration.update': 'registration' };

/** The value set, as the details carry it: `{from, to}`, or the setting by its name. */
function newValue(entry: AuditEntry, setting: string): string | null {
  const value = entry.details.to ?? entry.details[setting];
  return typeof value === 'string' ? value : null;
}

/** "Changed role to admin", "Deactivated account"; an action this version does not know reads as the server wrote it. */
export function describeAuditAction(entry: AuditEntry): string {
  const name = ACTION_NAMES[entry.action];
  if (name === undefined) return entry.action;
  const setting = CHANGED_SETTING[entry.action];
  const value = setting === undefined ? null : newValue(entry, setting);
  return value ? `${name} to ${value}` : name;
}
