import { useCallback, useState } from 'react';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { selectCurrentUser, useSessionStore } from '../auth';
import { fetchUsers, type AccountStatus } from './adminApi';
import { AdminSection } from './AdminSection';
import { PersonRow } from './PersonRow';
import { SelectField } from './SelectField';
import { useCursorList } from './useCursorList';
import { useDebouncedValue } from './useDebouncedValue';

const SEARCH_DELAY_MS = 300;

type StatusChoice = 'all' | AccountStatus;
const STATUS_CHOICES: readonly { value: StatusChoice; label: string }[] = [
  { value: 'all', label: 'Everyone' },
  { value: 'active', label: 'Active' },
  { value: 'deactivated', label: 'Deactivated' },
];

/** /admin/people: everyone with an account, to find and to manage. */
export function PeoplePage() {
  const myId = useSessionStore(selectCurrentUser)?.id;
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusChoice>('all');
  const q = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const fetchPage = useCallback(
    (cursor: string | null) => fetchUsers({ q, status: status === 'all' ? undefined : status }, cursor),
    [q, status],
  );
  const people = useCursorList(fetchPage);

  return (
    <AdminSection title="People">
      <form role="search" onSubmit={(event) => event.preventDefault()} className="flex flex-wrap items-start gap-3">
        <TextField
          label="Search people"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
          hint="By username or display name."
          className="min-w-48 flex-1"
        />
        <SelectField label="Status" value={status} choices={STATUS_CHOICES} onChange={setStatus} />
      </form>
      <ErrorAlert message={people.error} />
      {people.loadingFirstPage && <p className="text-sm text-fg-muted">Loading people…</p>}
      {people.items?.length === 0 && <p className="text-sm text-fg-muted">Nobody matches.</p>}
      {people.items && people.items.length > 0 && (
        <ul aria-label="People" className="divide-y divide-border">
          {people.items.map((person) => (
            <PersonRow key={person.id} person={person} isMe={person.id === myId} onChanged={people.replace} />
          ))}
        </ul>
      )}
      {people.hasMore && (
        <Button variant="secondary" className="self-start" disabled={people.loadingMore} onClick={people.loadMore}>
          {people.loadingMore ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </AdminSection>
  );
}
