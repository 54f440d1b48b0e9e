import { useNavigate } from 'react-router-dom';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { openDirectChat } from '../chats';
import { useContactsStore } from './contactsStore';
import { Section } from './Section';
import { UserRow } from './UserRow';

export function ContactList() {
  const contacts = useContactsStore((state) => state.contacts);
  const loaded = useContactsStore((state) => state.loaded);
  const navigate = useNavigate();
  const open = useAsyncAction();

  return (
    <Section title="Your contacts">
      <ErrorAlert message={open.error} />
      {loaded && contacts.length === 0 && (
        <p className="text-sm text-slate-500">No contacts yet. Find people above and add them.</p>
      )}
      <ul aria-label="Contact list" className="divide-y divide-slate-100">
        {contacts.map(({ user }) => (
          <UserRow key={user.id} user={user}>
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
    </Section>
  );
}
