import { useEffect, useId, useState, type FormEvent } from 'react';
import { getErrorMessage } from '../../shared/api/errors';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { fetchRegistrationMode, saveRegistrationMode, type RegistrationMode } from './adminApi';
import { AdminSection } from './AdminSection';

const MODES: readonly { mode: RegistrationMode; label: string; explanation: string }[] = [
  {
    mode: 'open',
    label: 'Open',
    explanation: 'Anyone who can reach this site can create an account.',
  },
  {
    mode: 'invite',
    label: 'By invitation',
    explanation: 'New accounts need an invite link from an admin. Existing accounts are not affected.',
  },
  {
    mode: 'closed',
    label: 'Closed',
    explanation: 'Nobody can create an account, not even with an invite. Existing accounts are not affected.',
  },
];

/** Who may create an account: the instance's registration mode. */
export function RegistrationModeSection() {
  const [saved, setSaved] = useState<RegistrationMode | null>(null);
  const [chosen, setChosen] = useState<RegistrationMode | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = useAsyncAction();
  const baseId = useId();

  useEffect(() => {
    // React may run this effect twice (a Suspense boundary hiding and showing the page again): an answer that
    // arrives after the admin picked a mode must not put the saved one back.
    let current = true;
    fetchRegistrationMode().then(
      (mode) => {
        if (!current) return;
        setSaved(mode);
        setChosen((picked) => picked ?? mode);
      },
      (error: unknown) => current && setLoadError(getErrorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, []);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setDone(null);
    save.run(async () => {
      const mode = await saveRegistrationMode(chosen);
      setSaved(mode);
      setChosen(mode);
      setDone('Registration setting saved.');
    });
  }

  return (
    <AdminSection title="Who may register">
      <ErrorAlert message={loadError ?? save.error} />
      {chosen === null && !loadError && <p className="text-sm text-fg-muted">Loading setting…</p>}
      {chosen && (
        <form onSubmit={handleSubmit} className="flex flex-col gap-3">
          <fieldset className="flex flex-col gap-2">
            <legend className="sr-only">Registration mode</legend>
            {MODES.map(({ mode, label, explanation }) => (
              <div key={mode} className="flex items-start gap-2">
                <input
                  id={`${baseId}-${mode}`}
                  type="radio"
                  name="registration"
                  value={mode}
                  checked={chosen === mode}
                  onChange={() => setChosen(mode)}
                  aria-describedby={`${baseId}-${mode}-explanation`}
                  className="mt-1 size-4 accent-accent"
                />
                <div>
                  <label htmlFor={`${baseId}-${mode}`} className="text-sm font-medium text-fg">
                    {label}
                  </label>
                  <p id={`${baseId}-${mode}-explanation`} className="text-sm text-fg-muted">
                    {explanation}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          <StatusMessage message={done} />
          <Button type="submit" className="self-start" disabled={save.pending || chosen === saved}>
            Save registration setting
          </Button>
        </form>
      )}
    </AdminSection>
  );
}
