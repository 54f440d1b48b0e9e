import { useState, type FormEvent } from 'react';
import type { CurrentUser } from '@messenger/contract';
import { AvatarPicker } from '../../shared/ui/AvatarPicker';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { TextField } from '../../shared/ui/TextField';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';
import { useSessionStore } from '../auth';
import { updateMyProfile } from './settingsApi';

interface ProfileFormProps {
  me: CurrentUser;
  onSaved: (me: CurrentUser) => void;
}

const MAX_DISPLAY_NAME = 64;
const memberSinceFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

export function ProfileForm({ me, onSaved }: ProfileFormProps) {
  const [displayName, setDisplayName] = useState(me.displayName);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAsyncAction();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    // The server trims too; checking here saves a round trip for a name of only spaces.
    const trimmed = displayName.trim();
    if (!trimmed) {
      setInvalid('Display name cannot be empty.');
      return;
    }
    setInvalid(null);
    save.run(async () => {
      const updated = await updateMyProfile({ displayName: trimmed });
      setDisplayName(updated.displayName);
      // The sidebar's "Signed in as" reads the session's copy of us.
      useSessionStore.getState().userUpdated(updated);
      onSaved(updated);
      setSaved(true);
    });
  }

  async function saveAvatar(avatarAttachmentId: string | null) {
    const updated = await updateMyProfile({ avatarAttachmentId });
    useSessionStore.getState().userUpdated(updated);
    onSaved(updated);
  }

  return (
    <form onSubmit={handleSubmit} className="flex flex-col gap-4">
      <AvatarPicker
        url={me.avatarUrl}
        inputLabel="Avatar"
        changeText="Change avatar"
        removeText="Remove avatar"
        onSave={saveAvatar}
      />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-fg-muted">Username</dt>
        <dd className="font-medium text-fg">@{me.username}</dd>
        <dt className="text-fg-muted">Member since</dt>
        <dd className="text-fg">
          <time dateTime={me.createdAt}>{memberSinceFormat.format(new Date(me.createdAt))}</time>
        </dd>
      </dl>
      <TextField
        label="Display name"
        name="displayName"
        value={displayName}
        onChange={(event) => {
          setDisplayName(event.target.value);
          setSaved(false);
        }}
        required
        maxLength={MAX_DISPLAY_NAME}
        autoComplete="nickname"
        hint={`How others see you; up to ${MAX_DISPLAY_NAME} characters.`}
      />
      <ErrorAlert message={invalid ?? save.error} />
      <StatusMessage message={saved ? 'Profile saved.' : null} />
      <Button type="submit" disabled={save.pending} className="self-start">
        Save profile
      </Button>
    </form>
  );
}
