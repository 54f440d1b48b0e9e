import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { GroupVisibility } from '@messenger/contract';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { createGroup, groupErrorMessage } from './groupActions';
import { MemberPicker } from './MemberPicker';
import { useContactUsers } from './useContactUsers';
import { VisibilityChoice } from './VisibilityChoice';

const MAX_NAME_LENGTH = 100;

interface NewGroupDialogProps {
  onClose: () => void;
}

/** Names a group, picks its first members from our contacts and who can join; opens the new group when done. */
export function NewGroupDialog({ onClose }: NewGroupDialogProps) {
  const navigate = useNavigate();
  const contacts = useContactUsers();
  const [name, setName] = useState('');
  const [memberIds, setMemberIds] = useState<Set<string>>(new Set());
  const [visibility, setVisibility] = useState<GroupVisibility>('private');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setPending(true);
    setError(null);
    try {
      const chatId = await createGroup(name.trim(), [...memberIds], visibility);
      onClose();
      await navigate(`/chats/${chatId}`);
    } catch (caught) {
      setError(groupErrorMessage(caught));
      setPending(false);
    }
  }

  return (
    <Dialog title="New group" onClose={onClose}>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField
          label="Group name"
          value={name}
          required
          maxLength={MAX_NAME_LENGTH}
          onChange={(event) => setName(event.target.value)}
        />
        {contacts.loaded ? (
          <MemberPicker legend="Members" candidates={contacts.users} selected={memberIds} onChange={setMemberIds} />
        ) : (
          <p className="text-sm text-fg-muted">{contacts.error ?? 'Loading contacts…'}</p>
        )}
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        <ErrorAlert message={error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending || !name.trim()}>
            Create group
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
