import { useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatRelativeTime } from '../../shared/lib/time';
import { Avatar } from '../../shared/ui/Avatar';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { UserLink } from '../../shared/ui/UserLink';
import { useSessionStore } from '../auth';
import {
  deactivateUser,
  issuePasswordReset,
  reactivateUser,
  setRole,
  type AdminUser,
  type PasswordResetGrant,
} from './adminApi';
import { ConfirmDialog, type Confirmation } from './ConfirmDialog';
import { PersonBadges } from './PersonBadges';
import { ResetLinkDialog } from './ResetLinkDialog';

interface PersonRowProps {
  person: AdminUser;
  isMe: boolean;
  onChanged: (person: AdminUser) => void;
}

/** One person in the People list, with what an admin can do about their account. */
export function PersonRow({ person, isMe, onChanged }: PersonRowProps) {
  const action = useAsyncAction();
  const navigate = useNavigate();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [grant, setGrant] = useState<PasswordResetGrant | null>(null);
  const selfNoteId = useId();
  const { displayName, username } = person;
  const change = (request: () => Promise<AdminUser>) => action.run(async () => onChanged(await request()));

  const deactivate = () =>
    setConfirmation({
      title: `Deactivate ${displayName}?`,
      message: (
        <p>
          {displayName} (@{username}) is signed out on every device at once and can no longer sign in. Their messages
          stay. You can reactivate the account later.
        </p>
      ),
      confirmLabel: 'Deactivate',
      danger: true,
      onConfirm: () => change(() => deactivateUser(person.id)),
    });

  const changeRole = () => {
    const makingAdmin = person.role === 'member';
    setConfirmation({
      title: makingAdmin ? `Make ${displayName} an admin?` : `Remove ${displayName} as admin?`,
      message: makingAdmin ? (
        <p>Admins manage everyone’s accounts, who may register and the invites, and can read the audit log.</p>
      ) : (
        <p>{isMe ? 'You will no longer see the Admin area.' : `${displayName} will no longer see the Admin area.`}</p>
      ),
      confirmLabel: makingAdmin ? 'Make admin' : 'Remove admin',
      danger: !makingAdmin,
      onConfirm: () =>
        action.run(async () => {
          const updated = await setRole(person.id, makingAdmin ? 'admin' : 'member');
          onChanged(updated);
          if (isMe && updated.role === 'member') await leaveAdminArea();
        }),
    });
  };

  // The session learns the new role at once: the Admin entry goes, and the chats are where we land.
  async function leaveAdminArea() {
    useSessionStore.setState((state) => (state.user ? { user: { ...state.user, role: 'member' } } : state));
    await navigate('/chats', { state: { notice: 'You are no longer an admin.' } });
  }

  return (
    <li className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-center gap-3">
        <Avatar name={displayName} url={person.avatarUrl} />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <UserLink userId={person.id} className="truncate font-medium text-fg hover:underline">
              {displayName}
            </UserLink>
            <PersonBadges person={person} isMe={isMe} />
          </p>
          <p className="truncate text-sm text-fg-muted">@{username}</p>
          <p className="text-sm text-fg-muted">
            Joined {formatRelativeTime(person.createdAt)} ·{' '}
            {person.lastSeenAt ? `last seen ${formatRelativeTime(person.lastSeenAt)}` : 'never seen'}
            {person.status === 'deactivated' && person.deactivatedAt
              ? ` · deactivated ${formatRelativeTime(person.deactivatedAt)}`
              : ''}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {person.status === 'active' ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={action.pending || isMe}
            aria-label={`Deactivate ${username}`}
            aria-describedby={isMe ? selfNoteId : undefined}
            onClick={deactivate}
          >
            Deactivate
          </Button>
        ) : (
          <Button
            variant="secondary"
            size="sm"
            disabled={action.pending}
            aria-label={`Reactivate ${username}`}
            onClick={() => change(() => reactivateUser(person.id))}
          >
            Reactivate
          </Button>
        )}
        <Button
          variant="secondary"
          size="sm"
          disabled={action.pending}
          aria-label={`${person.role === 'member' ? 'Make admin' : 'Remove admin'}: ${username}`}
          onClick={changeRole}
        >
          {person.role === 'member' ? 'Make admin' : 'Remove admin'}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={action.pending}
          aria-label={`Issue reset link for ${username}`}
          onClick={() => action.run(async () => setGrant(await issuePasswordReset(person.id)))}
        >
          Issue reset link
        </Button>
        {isMe && (
          <span id={selfNoteId} className="text-xs text-fg-muted">
            You cannot deactivate your own account.
          </span>
        )}
      </div>
      <ErrorAlert message={action.error} />
      <ConfirmDialog confirmation={confirmation} onCancel={() => setConfirmation(null)} />
      {grant && <ResetLinkDialog person={person} grant={grant} onClose={() => setGrant(null)} />}
    </li>
  );
}
