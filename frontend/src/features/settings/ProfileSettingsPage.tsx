import { useEffect, useState } from 'react';
import { Page } from '../../shared/ui/Page';
import { getErrorMessage } from '../../shared/api/errors';
import type { CurrentUser } from '@messenger/contract';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { BlockedUsersSection } from './BlockedUsersSection';
import { ChangePasswordSection } from './ChangePasswordSection';
import { ProfileForm } from './ProfileForm';
import { SessionsSection } from './SessionsSection';
import { ThemeSection } from './ThemeSection';
import { fetchMyProfile } from './settingsApi';

/** /settings/profile: how others see me, how the app looks here, my password, where I am signed in, whom I blocked. */
export function ProfileSettingsPage() {
  const [me, setMe] = useState<CurrentUser | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Changing the password signs the other devices out: the session list then starts over.
  const [passwordChanges, setPasswordChanges] = useState(0);

  useEffect(() => {
    fetchMyProfile().then(setMe, (error: unknown) => setLoadError(getErrorMessage(error)));
  }, []);

  return (
    <Page title="Your profile">
      <section aria-labelledby="profile-title" className="flex flex-col gap-3 card p-6">
        <h2 id="profile-title" className="text-base font-semibold text-fg">
          Profile
        </h2>
        <ErrorAlert message={loadError} />
        {me ? (
          <ProfileForm me={me} onSaved={setMe} />
        ) : (
          !loadError && <p className="text-sm text-fg-muted">Loading profile…</p>
        )}
      </section>
      <ThemeSection />
      <ChangePasswordSection onChanged={() => setPasswordChanges((count) => count + 1)} />
      <SessionsSection key={passwordChanges} />
      <BlockedUsersSection />
    </Page>
  );
}
