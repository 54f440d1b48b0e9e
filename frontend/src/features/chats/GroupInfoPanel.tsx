import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Chat } from '@messenger/contract';
import { AvatarPicker } from '../../shared/ui/AvatarPicker';
import { Button } from '../../shared/ui/Button';
import { SidePanel } from '../../shared/ui/SidePanel';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import {
  addMembers,
  deleteGroup,
  groupErrorMessage,
  leaveGroup,
  removeMember,
  renameGroup,
  setGroupPhoto,
  setGroupVisibility,
  transferOwnership,
} from './groupActions';
import { GroupMembers } from './GroupMembers';
import { AddMembersForm, RenameGroupForm } from './GroupOwnerForms';
import { VisibilityChoice } from './VisibilityChoice';

interface GroupInfoPanelProps {
  chat: Chat;
  currentUserId: string;
  onClose: () => void;
}

/** Members and roles for everyone; managing the group for its owner; leaving for anyone. */
export function GroupInfoPanel({ chat, currentUserId, onClose }: GroupInfoPanelProps) {
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const isOwner = chat.ownerId === currentUserId;

  // GROUP_FULL and every other refusal show here, in the panel where the action was taken.
  async function run(action: () => Promise<void>, thenLeave = false) {
    setPending(true);
    setError(null);
    try {
      await action();
      if (thenLeave) await navigate('/chats');
    } catch (caught) {
      setError(groupErrorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <SidePanel title="Group info" onClose={onClose}>
      <p className="text-sm text-fg-muted">{chat.name}</p>
      {!isOwner && (
        <p className="text-sm text-fg-muted">
          {chat.visibility === 'open'
            ? 'Open group: anyone can find and join it.'
            : 'Private group: the owner adds members.'}
        </p>
      )}
      <ErrorAlert message={error} />
      <GroupMembers
        chat={chat}
        currentUserId={currentUserId}
        isOwner={isOwner}
        pending={pending}
        onRemove={(userId) => void run(() => removeMember(chat.id, userId))}
        onMakeOwner={(userId) => void run(() => transferOwnership(chat.id, userId))}
      />
      {isOwner && (
        <div className="flex flex-col gap-2 border-t border-border pt-3">
          <AddMembersForm chat={chat} pending={pending} onAdd={(ids) => void run(() => addMembers(chat.id, ids))} />
          <RenameGroupForm
            chat={chat}
            pending={pending}
            onSave={(name) => void run(() => renameGroup(chat.id, name))}
          />
          <AvatarPicker
            url={chat.avatarUrl}
            inputLabel="Group photo"
            changeText="Change group photo"
            removeText="Remove group photo"
            onSave={(attachmentId) => setGroupPhoto(chat.id, attachmentId)}
          />
          <VisibilityChoice
            value={chat.visibility}
            disabled={pending}
            onChange={(visibility) => void run(() => setGroupVisibility(chat.id, visibility))}
          />
        </div>
      )}
      <div className="flex flex-wrap gap-2 border-t border-border pt-3">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => void run(() => leaveGroup(chat.id, currentUserId), true)}
        >
          Leave group
        </Button>
        {isOwner && !confirmingDelete && (
          <Button variant="danger" disabled={pending} onClick={() => setConfirmingDelete(true)}>
            Delete group
          </Button>
        )}
      </div>
      {confirmingDelete && (
        <div
          role="alertdialog"
          aria-label="Delete this group?"
          className="flex flex-col gap-2 rounded-md bg-surface-danger p-3"
        >
          <p className="text-sm text-fg-danger">Delete the group and all its messages for every member?</p>
          <div className="flex gap-2">
            <Button variant="danger" disabled={pending} onClick={() => void run(() => deleteGroup(chat.id), true)}>
              Delete for everyone
            </Button>
            <Button variant="secondary" onClick={() => setConfirmingDelete(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </SidePanel>
  );
}
