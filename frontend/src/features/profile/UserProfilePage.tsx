import { Page } from '../../shared/ui/Page';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getErrorMessage, hasStatus } from '../../shared/api/errors';
import type { UserProfile } from '@messenger/contract';
import { describePresence } from '../../shared/lib/presence';
import { nameWithStatus } from '../../shared/lib/userName';
import { useLivePresence } from '../presence';
import { Avatar } from '../../shared/ui/Avatar';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { selectCurrentUser, useSessionStore } from '../auth';
import { loadContacts, useContactsStore, useRelationship } from '../contacts';
import { fetchUserProfile } from './profileApi';
import { BlockButton } from './BlockButton';
import { ProfileActions } from './ProfileActions';

/** /users/:userId. Keyed by the id, so nothing of one profile shows while the next one loads. */
export function UserProfilePage() {
  const { userId = '' } = useParams();
  return <UserProfileView key={userId} userId={userId} />;
}

type Loaded = { state: 'loading' } | { state: 'found'; profile: UserProfile } | { state: 'failed'; error: string };

function UserProfileView({ userId }: { userId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    fetchUserProfile(userId).then(
      (profile) => setLoaded({ state: 'found', profile }),
      (error: unknown) =>
        setLoaded({
          state: 'failed',
          error: hasStatus(error, 404) ? 'There is no user with this address.' : getErrorMessage(error),
        }),
    );
    // The buttons depend on pending requests, which only the contact lists know.
    if (!useContactsStore.getState().loaded) void loadContacts();
  }, [userId]);

  return (
    <Page title="Profile" titleAs="p">
      {loaded.state === 'loading' && <p className="text-sm text-fg-muted">Loading profile…</p>}
      {loaded.state === 'failed' && (
        <>
          <h1 className="text-lg font-semibold text-fg">Profile unavailable</h1>
          <ErrorAlert message={loaded.error} />
        </>
      )}
      {loaded.state === 'found' && <ProfileCard user={loaded.profile} />}
    </Page>
  );
}

function ProfileCard({ user }: { user: UserProfile }) {
  const currentUserId = useSessionStore(selectCurrentUser)?.id;
  const relationship = useRelationship(user.id);
  const isMe = user.id === currentUserId;
  const presence = useLivePresence(user);
  const [blocked, setBlocked] = useState(user.isBlocked ?? false);
  // Until the contact lists are loaded, the profile's own answer tells whether we are contacts.
  const known =
    relationship.kind === 'unknown'
      ? { kind: user.isContact ? ('contact' as const) : ('none' as const) }
      : relationship;

  return (
    <section aria-labelledby="profile-name" className="flex flex-col gap-4 card p-6">
      <div className="flex items-center gap-4">
        <Avatar name={user.displayName} url={user.avatarUrl} />
        <div className="min-w-0">
          <h1 id="profile-name" className="truncate text-xl font-semibold text-fg">
            {nameWithStatus(user)}
          </h1>
          <p className="truncate text-sm text-fg-muted">@{user.username}</p>
          {/* Presence is null for someone who is neither a contact nor in a chat with us: nothing to show. */}
          {presence.online !== null && (
            <p className="text-sm text-fg-muted">
              {presence.online && (
                <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-success" />
              )}
              {describePresence(presence)}
            </p>
          )}
        </div>
      </div>
      {isMe ? (
        <p className="text-sm text-fg-muted">
          This is you.{' '}
          <Link to="/settings/profile" className="font-medium text-fg-accent hover:underline">
            Edit your profile
          </Link>
        </p>
      ) : (
        <>
          <ProfileActions user={user} relationship={known} />
          <BlockButton user={user} blocked={blocked} onChange={setBlocked} />
        </>
      )}
    </section>
  );
}
