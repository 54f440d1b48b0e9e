import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { MAX_DISCOVER_QUERY_LENGTH, MAX_GROUP_PARTICIPANTS } from '@messenger/contract';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Page } from '../../shared/ui/Page';
import { TextField } from '../../shared/ui/TextField';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { joinGroup } from '../chats';
import { OpenGroupList } from './OpenGroupList';
import { useOpenGroupSearch } from './useOpenGroupSearch';

const SEARCH_DELAY_MS = 250;

const JOIN_REFUSALS = {
  GROUP_FULL: `This group is full: a group can have at most ${MAX_GROUP_PARTICIPANTS} members.`,
  NOT_FOUND: 'This group is no longer open to join.',
};

/** /groups: the open groups we are not in, found by name; joining one opens it. */
export function BrowseGroupsPage() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const search = useOpenGroupSearch(query);
  const join = useAsyncAction(JOIN_REFUSALS);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <Page title="Browse groups">
      <section aria-label="Open groups to join" className="card flex flex-col gap-3 p-4">
        <form role="search" onSubmit={(event) => event.preventDefault()}>
          <TextField
            label="Search open groups"
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            maxLength={MAX_DISCOVER_QUERY_LENGTH}
            hint="By name. Anyone can join an open group; private groups are never listed."
          />
        </form>
        <ErrorAlert message={join.error} />
        <OpenGroupList
          search={search}
          query={query}
          joining={join.pending}
          onJoin={(group) =>
            join.run(async () => {
              await joinGroup(group.id);
              await navigate(`/chats/${group.id}`);
            })
          }
        />
      </section>
    </Page>
  );
}
