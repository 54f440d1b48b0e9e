import { CheckCircleIcon, ExclamationTriangleIcon, XMarkIcon } from '@heroicons/react/20/solid';
import { useEffect, useState } from 'react';
import { IconButton } from './IconButton';
import { useToastStore, type Toast } from './toastStore';

/** How long a toast stays, unless the pointer or the focus rests on it. */
export const TOAST_MS = 5_000;

/** Where toasts show. The live region is always there, so that screen readers announce each one as it comes. */
export function Toaster() {
  const toasts = useToastStore((state) => state.toasts);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-4 bottom-24 z-50 flex flex-col items-center gap-2 md:inset-x-auto md:right-4 md:bottom-4 md:items-end"
    >
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToastStore((state) => state.dismiss);
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [held, toast.id, dismiss]);

  const ToneIcon = toast.tone === 'error' ? ExclamationTriangleIcon : CheckCircleIcon;
  return (
    <div
      className="pointer-events-auto flex w-full max-w-sm items-center gap-2 rounded-lg border border-border bg-surface-raised py-1.5 pr-1.5 pl-3 text-sm text-fg shadow-lg"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <ToneIcon className={`size-5 shrink-0 ${toast.tone === 'error' ? 'text-fg-danger' : 'text-fg-success'}`} />
      <p className="min-w-0 flex-1">{toast.message}</p>
      <IconButton label="Dismiss" icon={XMarkIcon} size="sm" onClick={() => dismiss(toast.id)} />
    </div>
  );
}
