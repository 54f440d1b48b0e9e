import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), textarea:not(:disabled), select:not(:disabled)';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** For images: a wider panel. */
  wide?: boolean;
}

/**
 * A modal panel named by its title. Escape or the close button dismisses it; the focus moves into it on
 * opening, Tab cycles inside it while it is open, and the focus goes back to where it was on closing.
 */
export function Dialog({ title, onClose, children, wide = false }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // A dialog with nothing else to focus (the image viewer) takes the focus on its close button.
    const target =
      panel.current?.querySelector<HTMLElement>('input, textarea, button:not([data-close])') ??
      panel.current?.querySelector<HTMLElement>('[data-close]');
    target?.focus();
    return () => previous?.focus();
  }, []);

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-4">
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          else if (event.key === 'Tab') keepFocusInside(event, panel.current);
        }}
        className={`flex max-h-full w-full ${wide ? 'max-w-4xl' : 'max-w-md'} flex-col gap-3 overflow-y-auto rounded-lg bg-white p-4 shadow-xl`}
      >
        <div className="flex items-center justify-between gap-2">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <button
            type="button"
            data-close
            aria-label="Close"
            onClick={onClose}
            className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-400 focus-visible:outline-none"
          >
            ✕
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** Wraps Tab from the last focusable element to the first (and Shift+Tab the other way). */
function keepFocusInside(event: KeyboardEvent, panel: HTMLElement | null): void {
  // Filtered one by one, so the order is the document's whatever the selector engine returns for a list.
  const focusable = [...(panel?.querySelectorAll<HTMLElement>('*') ?? [])].filter((element) =>
    element.matches(FOCUSABLE),
  );
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
