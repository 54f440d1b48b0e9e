import { useEffect, useState } from 'react';
import { getErrorMessage, hasStatus } from '../../shared/api/errors';
import type { DeviceSession } from '@messenger/contract';
import { formatRelativeTime } from '../../shared/lib/time';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { describeUserAgent } from './describeUserAgent';
import { fetchSessions, revokeSession } from './settingsApi';

/** This device first, then the most recently used. */
const byRelevance = (a: DeviceSession, b: DeviceSession) =>
  Number(b.current) - Number(a.current) || Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt);

/** A session that has already ended (expired, or signed out meanwhile) is as good as revoked. */
async function signOutDevice(sessionId: string): Promise<void> {
  try {
    await revokeSession(sessionId);
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}

export function SessionsSection() {
  const [sessions, setSessions] = useState<DeviceSession[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAsyncAction();

  useEffect(() => {
    fetchSessions().then(
      (fetched) => setSessions(fetched.toSorted(byRelevance)),
      (error: unknown) => setLoadError(getErrorMessage(error)),
    );
  }, []);

  const others = sessions?.filter((session) => !session.current) ?? [];

  function signOut(targets: DeviceSession[], confirmation: string) {
    setDone(null);
    action.run(async () => {
      // One at a time: a failure then leaves the list showing exactly the devices still signed in.
      for (const target of targets) {
        await signOutDevice(target.id);
        setSessions((current) => current?.filter((session) => session.id !== target.id) ?? null);
      }
      setDone(confirmation);
    });
  }

  return (
    <section aria-labelledby="sessions-title" className="flex flex-col gap-3 card p-6">
      <h2 id="sessions-title" className="text-base font-semibold text-fg">
        Sessions
      </h2>
      <p className="text-sm text-fg-muted">Devices signed in to your account.</p>
      <ErrorAlert message={loadError ?? action.error} />
      <StatusMessage message={done} />
      {sessions === null && !loadError && <p className="text-sm text-fg-muted">Loading sessions…</p>}
      {sessions && (
        <ul aria-label="Signed-in devices" className="divide-y divide-border">
          {sessions.map((session) => {
            const summary = describeUserAgent(session.userAgent);
            return (
              <li key={session.id} className="flex items-center gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-fg">
                    {summary}
                    {session.current && (
                      <span className="ml-2 rounded-full bg-surface-accent px-2 py-0.5 text-xs font-medium text-fg-accent">
                        This device
                      </span>
                    )}
                  </p>
                  <p className="text-sm text-fg-muted">
                    {session.ip ? `IP ${session.ip}` : 'IP unknown'} ·{' '}
                    {session.current ? 'Active now' : `Last active ${formatRelativeTime(session.lastUsedAt)}`}
                  </p>
                </div>
                {!session.current && (
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={action.pending}
                    aria-label={`Sign out ${summary}`}
                    onClick={() => signOut([session], `Signed out ${summary}.`)}
                  >
                    Sign out
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {others.length > 0 && (
        <Button
          variant="secondary"
          disabled={action.pending}
          className="self-start"
          onClick={() => signOut(others, 'Signed out everywhere else.')}
        >
          Sign out everywhere else
        </Button>
      )}
      {sessions && others.length === 0 && <p className="text-sm text-fg-muted">No other device is signed in.</p>}
    </section>
  );
}
