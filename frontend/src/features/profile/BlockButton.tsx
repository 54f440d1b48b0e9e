import { useId, useState } from 'react';
import { blockUser, unblockUser } from '../../shared/api/blocksApi';
import type { User } from '@messenger/contract';
import { Button } from '../../shared/ui/Button';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { StatusMessage } from '../../shared/ui/StatusMessage';
import { useAsyncAction } from '../../shared/ui/useAsyncAction';

interface BlockButtonProps {
  user: User;
  blocked: boolean;
  onChange: (blocked: boolean) => void;
}

/** Block someone after saying what it does (they may never notice otherwise); unblocking needs no question. */
export function BlockButton({ user, blocked, onChange }: BlockButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const questionId = useId();
  const action = useAsyncAction();

  function change(block: boolean) {
    setDone(null);
    action.run(async () => {
      await (block ? blockUser(user.id) : unblockUser(user.id));
      setConfirming(false);
      onChange(block);
      setDone(block ? `You blocked ${user.displayName}.` : `You unblocked ${user.displayName}.`);
    });
  }

  return (
    <div className="flex flex-col gap-2 border-t border-border pt-4">
      {blocked && (
        <p className="text-sm text-fg-muted">
          You blocked {user.displayName}: they cannot message you in your direct chat, send you contact requests or see
          when you are online.
        </p>
      )}
      {blocked ? (
        <Button variant="secondary" disabled={action.pending} className="self-start" onClick={() => change(false)}>
          Unblock {user.username}
        </Button>
      ) : confirming ? (
        <div
          role="group"
          aria-labelledby={questionId}
          className="flex flex-wrap items-center gap-2 rounded-md bg-surface-danger p-3"
        >
          <p id={questionId} className="w-full text-sm text-fg-danger">
            Block {user.displayName}? They will not be able to message you in your direct chat or send you contact
            requests, and will not see when you are online. Groups you share are not affected.
          </p>
          <Button variant="danger" disabled={action.pending} onClick={() => change(true)}>
            Yes, block
          </Button>
          {/* Focused first: the safe choice is the default one. */}
          <Button variant="secondary" disabled={action.pending} autoFocus onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button
          variant="secondary"
          disabled={action.pending}
          className="self-start"
          onClick={() => setConfirming(true)}
        >
          Block {user.username}
        </Button>
      )}
      <ErrorAlert message={action.error} />
      <StatusMessage message={done} />
    </div>
  );
}
