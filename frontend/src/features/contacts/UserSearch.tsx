import { useEffect, useState } from 'react';
import type { User } from '@messenger/contract';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { requestContact, searchUsers } from './contactActions';
import { useContactsStore } from './contactsStore';
import { Section } from './Section';
import { UserRow } from './UserRow';

const SEARCH_DELAY_MS = 250;

export function UserSearch() {
  const [query, setQuery] = useState(() => useContactsStore.getState().search.query);
  const search = useContactsStore((state) => state.search);
  const add = useAsyncAction();

  useEffect(() => {
    const timer = setTimeout(() => void searchUsers(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const searching = query.trim() !== '' && search.users === null && search.error === null;
  return (
    <Section title="Find people">
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Search users"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
          hint="By username or display name."
        />
      </form>
      <div className="mt-2 flex flex-col gap-2">
        <ErrorAlert message={search.error ?? add.error} />
        {searching && <p className="text-sm text-fg-muted">Searching…</p>}
        {search.query && search.users?.length === 0 && (
          <p className="text-sm text-fg-muted">Nobody matches “{search.query}”.</p>
        )}
        {search.users && search.users.length > 0 && (
          <ul aria-label="Search results" className="divide-y divide-border">
            {search.users.map((user) => (
              <UserRow key={user.id} user={user}>
                <SearchResultAction
                  user={user}
                  disabled={add.pending}
                  onAdd={() => add.run(() => requestContact(user))}
                />
              </UserRow>
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}

interface SearchResultActionProps {
  user: User;
  disabled: boolean;
  onAdd: () => void;
}

function SearchResultAction({ user, disabled, onAdd }: SearchResultActionProps) {
  const isContact = useContactsStore((state) => state.contacts.some((contact) => contact.user.id === user.id));
  const requested = useContactsStore((state) => state.outgoing.some((request) => request.to.id === user.id));
  if (isContact) return <span className="text-sm text-fg-muted">Contact</span>;
  if (requested) return <span className="text-sm text-fg-muted">Request sent</span>;
  return (
    <Button variant="secondary" size="sm" disabled={disabled} aria-label={`Add ${user.username}`} onClick={onAdd}>
      Add
    </Button>
  );
}
