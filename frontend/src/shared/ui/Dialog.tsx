import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { PanelTitle, useFocusWhileOpen } from './PanelTitle';

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), textarea:not(:disabled), select:not(:disabled)';

const FOCUS_TARGETS = ['input, textarea, button:not([data-close])', '[data-close]'];

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

  // A dialog with nothing else to focus (the image viewer) takes the focus on its close button.
  useFocusWhileOpen(panel, FOCUS_TARGETS);

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-overlay p-4">
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          else if (event.key === 'Tab') keepFocusInside(event, panel.current);
        }}
        className={`flex max-h-full w-full ${wide ? 'max-w-4xl' : 'max-w-md'} flex-col gap-3 overflow-y-auto rounded-lg border border-border bg-surface-raised p-4 shadow-xl`}
      >
        <PanelTitle id={titleId} title={title} onClose={onClose} />
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
