import { useId, useState } from 'react';
import type { User } from '@messenger/contract';
import { Button } from '../../shared/ui/Button';
import { removeContact } from '../contacts';

interface RemoveContactButtonProps {
  user: User;
  disabled: boolean;
  /** Runs the removal the way the page runs its other actions (pending state, error message). */
  run: (action: () => Promise<void>) => void;
}

/** Removing someone is easy to do by mistake and awkward to undo (they must accept again): ask first. */
export function RemoveContactButton({ user, disabled, run }: RemoveContactButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const questionId = useId();

  if (!confirming) {
    return (
      <Button variant="secondary" disabled={disabled} onClick={() => setConfirming(true)}>
        Remove contact
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={questionId}
      className="flex flex-wrap items-center gap-2 rounded-md bg-surface-danger p-3"
    >
      <p id={questionId} className="w-full text-sm text-fg-danger">
        Remove {user.displayName} from your contacts? Your chat history stays.
      </p>
      <Button
        disabled={disabled}
        variant="danger"
        onClick={() => run(() => removeContact(user.id).finally(() => setConfirming(false)))}
      >
        Yes, remove
      </Button>
      {/* Focused first: the safe choice is the default one. */}
      <Button variant="secondary" disabled={disabled} autoFocus onClick={() => setConfirming(false)}>
        Keep contact
      </Button>
    </div>
  );
}
