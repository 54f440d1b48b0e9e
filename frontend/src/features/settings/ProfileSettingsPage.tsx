import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { getErrorMessage } from '../../shared/api/errors';
import type { CurrentUser } from '../../shared/api/types';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { ProfileForm } from './ProfileForm';
import { SessionsSection } from './SessionsSection';
import { fetchMyProfile } from './settingsApi';

/** /settings/profile: how others see me, and where I am signed in. */
export function ProfileSettingsPage() {
  const [me, setMe] = useState<CurrentUser | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    fetchMyProfile().then(setMe, (error: unknown) => setLoadError(getErrorMessage(error)));
  }, []);

  return (
    <div className="flex h-full min-h-0 flex-col bg-slate-50">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <Link to="/chats" className="text-sm font-medium text-blue-700 hover:underline md:hidden">
          <span aria-hidden="true">←</span> Back to chat list
        </Link>
        <h1 className="text-lg font-semibold text-slate-900">Your profile</h1>
      </header>
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4">
        <section aria-labelledby="profile-title" className="flex flex-col gap-3 rounded-xl bg-white p-6 shadow-sm">
          <h2 id="profile-title" className="text-base font-semibold text-slate-900">
            Profile
          </h2>
          <ErrorAlert message={loadError} />
          {me ? (
            <ProfileForm me={me} onSaved={setMe} />
          ) : (
            !loadError && <p className="text-sm text-slate-500">Loading profile…</p>
          )}
        </section>
        <SessionsSection />
      </div>
    </div>
  );
}
