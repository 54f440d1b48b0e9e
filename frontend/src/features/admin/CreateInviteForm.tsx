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

/** A number field for a whole number from 1 to `max` (the server's limits), empty allowed. */
function WholeNumberField(props: {
  label: string;
  max: number;
  value: string;
  onChange: (value: string) => void;
  hint: string;
}) {
  return (
    <TextField
      label={props.label}
      type="number"
      min={1}
      max={props.max}
      step={1}
      inputMode="numeric"
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      hint={props.hint}
      className="w-40"
    />
  );
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
        <WholeNumberField
          label="Maximum uses"
          max={1000}
          value={maxUses}
          onChange={setMaxUses}
          hint="Empty: no limit."
        />
        <WholeNumberField
          label="Expires in (hours)"
          max={720}
          value={expiresInHours}
          onChange={setExpiresInHours}
          hint="Empty: 7 days (168 hours). At most 720 (30 days)."
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
