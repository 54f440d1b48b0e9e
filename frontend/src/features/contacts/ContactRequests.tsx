import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { acceptRequest, removeRequest } from './contactActions';
import { useContactsStore } from './contactsStore';
import { Section } from './Section';
import { UserRow } from './UserRow';

export function ContactRequests() {
  const incoming = useContactsStore((state) => state.incoming);
  const outgoing = useContactsStore((state) => state.outgoing);
  const action = useAsyncAction();

  if (incoming.length === 0 && outgoing.length === 0) return null;
  return (
    <Section title="Contact requests">
      <ErrorAlert message={action.error} />
      {incoming.length > 0 && (
        <ul aria-label="Requests to you" className="divide-y divide-slate-100">
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
      )}
      {outgoing.length > 0 && (
        <>
          <h3 className="mt-3 text-sm font-medium text-slate-600">Waiting for an answer</h3>
          <ul aria-label="Requests you sent" className="divide-y divide-slate-100">
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
      )}
    </Section>
  );
}
