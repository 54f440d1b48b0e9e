import { useRef, useState, type FormEvent } from 'react';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { TextField } from '../../shared/ui/TextField';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { formText, MISMATCH_MESSAGE, NewPasswordFields, newPasswordOf } from '../auth';
import { changePassword } from './settingsApi';

interface ChangePasswordSectionProps {
  /** After the change: the other devices were signed out, so a list of them is out of date. */
  onChanged: () => void;
}

export function ChangePasswordSection({ onChanged }: ChangePasswordSectionProps) {
  const form = useRef<HTMLFormElement>(null);
  const [mismatch, setMismatch] = useState(false);
  const [changed, setChanged] = useState(false);
  const change = useAsyncAction();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    const fields = new FormData(event.currentTarget);
    const newPassword = newPasswordOf(fields);
    setMismatch(newPassword === null);
    if (newPassword === null) return;
    const currentPassword = formText(fields, 'currentPassword');
    change.run(async () => {
      await changePassword({ currentPassword, newPassword });
      form.current?.reset();
      setChanged(true);
      onChanged();
    });
  }

  return (
    <section aria-labelledby="password-title" className="flex flex-col gap-3 card p-6">
      <h2 id="password-title" className="text-base font-semibold text-fg">
        Change password
      </h2>
      <form ref={form} onSubmit={handleSubmit} className="flex flex-col gap-4">
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
        <NewPasswordFields />
        <ErrorAlert message={mismatch ? MISMATCH_MESSAGE : change.error} />
        <StatusMessage
          message={changed ? 'Password changed. Your other devices were signed out; this one stays signed in.' : null}
        />
        <Button type="submit" disabled={change.pending} className="self-start">
          Change password
        </Button>
      </form>
    </section>
  );
}
