import { useState, type FormEvent } from 'react';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { TextField } from '../../shared/ui/TextField';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { createInvite, type Invite, type NewInvite } from './adminApi';

/** An empty field means "no limit"; the browser's number field has already refused anything but whole numbers. */
function optionalWholeNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

export function CreateInviteForm({ onCreated }: { onCreated: (invite: Invite) => void }) {
  const [maxUses, setMaxUses] = useState('');
  const [expiresInHours, setExpiresInHours] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const create = useAsyncAction();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const invite: NewInvite = {
      maxUses: optionalWholeNumber(maxUses),
      expiresInHours: optionalWholeNumber(expiresInHours),
    };
    create.run(async () => {
      onCreated(await createInvite(invite));
      setMaxUses('');
      setExpiresInHours('');
      setDone('Invite created: copy its link below.');
    });
  }

  return (
    <form onSubmit={handleSubmit} aria-label="New invite" className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        <TextField
          label="Maximum uses"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={maxUses}
          onChange={(event) => setMaxUses(event.target.value)}
          hint="Empty: no limit."
          className="w-40"
        />
        <TextField
          label="Expires in (hours)"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={expiresInHours}
          onChange={(event) => setExpiresInHours(event.target.value)}
          hint="Empty: never expires."
          className="w-40"
        />
      </div>
      <ErrorAlert message={create.error} />
      <StatusMessage message={done} />
      <Button type="submit" className="self-start" disabled={create.pending}>
        Create invite
      </Button>
    </form>
  );
}
