import { useNavigate } from 'react-router-dom';
import type { User } from '@messenger/contract';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { openDirectChat } from '../chats';
import { acceptRequest, removeRequest, requestContact, type Relationship } from '../contacts';
import { RemoveContactButton } from './RemoveContactButton';

interface ProfileActionsProps {
  user: User;
  relationship: Exclude<Relationship, { kind: 'unknown' }>;
}

const note = 'w-full text-sm text-fg-muted';

/** What we can do with someone, depending on where we stand with them. */
export function ProfileActions({ user, relationship }: ProfileActionsProps) {
  const navigate = useNavigate();
  const action = useAsyncAction();
  const { pending: busy, run } = action;

  function actions() {
    switch (relationship.kind) {
      case 'none':
        return (
          <>
            <p className={note}>Not in your contacts.</p>
            <Button disabled={busy} onClick={() => run(() => requestContact(user))}>
              Add {user.username}
            </Button>
          </>
        );
      case 'outgoing':
        return (
          <>
            <p className={note}>Contact request sent; waiting for an answer.</p>
            <Button
              variant="secondary"
              disabled={busy}
              aria-label={`Cancel request to ${user.username}`}
              onClick={() => run(() => removeRequest(relationship.requestId))}
            >
              Cancel request
            </Button>
          </>
        );
      case 'incoming':
        return (
          <>
            <p className={note}>{user.displayName} wants to add you as a contact.</p>
            <Button
              disabled={busy}
              aria-label={`Accept ${user.username}`}
              onClick={() => run(() => acceptRequest(relationship.requestId))}
            >
              Accept
            </Button>
            <Button
              variant="secondary"
              disabled={busy}
              aria-label={`Decline ${user.username}`}
              onClick={() => run(() => removeRequest(relationship.requestId))}
            >
              Decline
            </Button>
          </>
        );
      case 'contact':
        return (
          <>
            <p className={note}>In your contacts.</p>
            <Button
              disabled={busy}
              onClick={() =>
                run(async () => {
                  const chatId = await openDirectChat(user.id);
                  await navigate(`/chats/${chatId}`);
                })
              }
            >
              Message {user.displayName}
            </Button>
            <RemoveContactButton user={user} disabled={busy} run={run} />
          </>
        );
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">{actions()}</div>
      <ErrorAlert message={action.error} />
    </div>
  );
}
