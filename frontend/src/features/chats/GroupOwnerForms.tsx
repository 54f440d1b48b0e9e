import { useState } from 'react';
import type { Chat } from '@messenger/contract';
import { Button } from '../../shared/ui/Button';
import { TextField } from '../../shared/ui/TextField';
import { MemberPicker } from './MemberPicker';
import { useContactUsers } from './useContactUsers';

interface RenameGroupFormProps {
  chat: Chat;
  pending: boolean;
  onSave: (name: string) => void;
}

export function RenameGroupForm({ chat, pending, onSave }: RenameGroupFormProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(chat.name ?? '');
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Rename group
      </Button>
    );
  }
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        setOpen(false);
        onSave(name.trim());
      }}
    >
      <TextField
        className="flex-1"
        label="Group name"
        value={name}
        required
        maxLength={100}
        onChange={(event) => setName(event.target.value)}
      />
      <Button type="submit" disabled={pending || !name.trim()}>
        Save name
      </Button>
    </form>
  );
}

interface AddMembersFormProps {
  chat: Chat;
  pending: boolean;
  onAdd: (userIds: string[]) => void;
}

/** Picks from our contacts who are not in the group yet. */
export function AddMembersForm({ chat, pending, onAdd }: AddMembersFormProps) {
  const contacts = useContactUsers();
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add members
      </Button>
    );
  }
  const memberIds = new Set(chat.participants.map((participant) => participant.user.id));
  const candidates = contacts.users.filter((user) => !memberIds.has(user.id));
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        setOpen(false);
        onAdd([...selected]);
        setSelected(new Set());
      }}
    >
      <MemberPicker legend="Add members" candidates={candidates} selected={selected} onChange={setSelected} />
      <Button type="submit" disabled={pending || selected.size === 0}>
        Add to group
      </Button>
    </form>
  );
}
