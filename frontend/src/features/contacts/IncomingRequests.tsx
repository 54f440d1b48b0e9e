import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { acceptRequest, removeRequest } from './contactActions';
import { useContactsStore } from './contactsStore';
import { UserRow } from './UserRow';

/** Requests other people sent us. */
export function IncomingRequests() {
  const incoming = useContactsStore((state) => state.incoming);
  const action = useAsyncAction();

  return (
    <>
      <ErrorAlert message={action.error} />
      {incoming.length === 0 && <p className="py-2 text-sm text-fg-muted">Nobody is waiting for your answer.</p>}
      <ul aria-label="Requests to you" className="divide-y divide-border">
        {incoming.map(({ id, from }) => (
          <UserRow key={id} user={from}>
            <Button
              size="sm"
              disabled={action.pending}
              aria-label={`Accept ${from.username}`}
              onClick={() => action.run(() => acceptRequest(id))}
            >
              Accept
            </Button>
            <Button
              variant="ghost"
              size="sm"
              disabled={action.pending}
              aria-label={`Decline ${from.username}`}
              onClick={() => action.run(() => removeRequest(id))}
            >
              Decline
            </Button>
          </UserRow>
        ))}
      </ul>
    </>
  );
}
