import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { removeRequest } from './contactActions';
import { useContactsStore } from './contactsStore';
import { UserRow } from './UserRow';

/** Requests we sent that have no answer yet. */
export function OutgoingRequests() {
  const outgoing = useContactsStore((state) => state.outgoing);
  const action = useAsyncAction();

  return (
    <>
      <ErrorAlert message={action.error} />
      {outgoing.length === 0 && <p className="py-2 text-sm text-fg-muted">No requests waiting for an answer.</p>}
      <ul aria-label="Requests you sent" className="divide-y divide-border">
        {outgoing.map(({ id, to }) => (
          <UserRow key={id} user={to}>
            <Button
              variant="ghost"
              size="sm"
              disabled={action.pending}
              aria-label={`Cancel request to ${to.username}`}
              onClick={() => action.run(() => removeRequest(id))}
            >
              Cancel
            </Button>
          </UserRow>
        ))}
      </ul>
    </>
  );
}
