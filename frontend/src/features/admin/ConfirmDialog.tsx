import type { ReactNode } from 'react';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';

export interface Confirmation {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Destructive actions get the danger colour. */
  danger?: boolean;
  onConfirm: () => void;
}

interface ConfirmDialogProps {
  confirmation: Confirmation | null;
  onCancel: () => void;
}

/**
 * Asks before an action that is hard to take back. Cancel comes first and takes the focus, so that Enter on an
 * accidental opening does nothing harmful; Escape cancels too.
 */
export function ConfirmDialog({ confirmation, onCancel }: ConfirmDialogProps) {
  if (!confirmation) return null;
  const { title, message, confirmLabel, danger = false, onConfirm } = confirmation;
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="text-sm text-fg">{message}</div>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button
          variant={danger ? 'danger' : 'primary'}
          onClick={() => {
            onCancel();
            onConfirm();
          }}
        >
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
