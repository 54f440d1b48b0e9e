import { useNavigate } from 'react-router-dom';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { openDirectChat } from '../chats';
import { useContactsStore } from './contactsStore';
import { UserRow } from './UserRow';

export function ContactList() {
  const contacts = useContactsStore((state) => state.contacts);
  const loaded = useContactsStore((state) => state.loaded);
  const navigate = useNavigate();
  const open = useAsyncAction();

  return (
    <>
      <ErrorAlert message={open.error} />
      {loaded && contacts.length === 0 && (
        <p className="py-2 text-sm text-fg-muted">No contacts yet. Find people above and add them.</p>
      )}
      <ul aria-label="Contact list" className="divide-y divide-border">
        {contacts.map(({ user }) => (
          <UserRow key={user.id} user={user} showPresence>
            <Button
              variant="secondary"
              size="sm"
              disabled={open.pending}
              aria-label={`Message ${user.displayName}`}
              onClick={() =>
                open.run(async () => {
                  const chatId = await openDirectChat(user.id);
                  await navigate(`/chats/${chatId}`);
                })
              }
            >
              Message
            </Button>
          </UserRow>
        ))}
      </ul>
    </>
  );
}
